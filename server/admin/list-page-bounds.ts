import { AppError } from '../errors.js';

/** The most rows one page may ask for (AdminJS's own list caps perPage at 500, its search does not). */
const MAX_PER_PAGE = 500;
/** Pages beyond this are refused rather than sent to PostgreSQL as an absurd OFFSET. */
const MAX_OFFSET = 10_000_000;

/** `page` and `perPage` as the list action turned them into LIMIT and OFFSET: whole, positive and bounded, or a 422. */
export function assertPage(limit: unknown, offset: unknown): void {
  const errors = [];
  if (!Number.isSafeInteger(limit) || (limit as number) < 1 || (limit as number) > MAX_PER_PAGE) {
    errors.push({ field: 'perPage', code: 'invalid', message: `Ask for 1 to ${MAX_PER_PAGE} rows a page.` });
  }
  if (!Number.isSafeInteger(offset) || (offset as number) < 0 || (offset as number) > MAX_OFFSET) {
    errors.push({ field: 'page', code: 'invalid', message: 'The page must be a whole number from 1.' });
  }
  if (errors.length) throw new AppError('invalid_page', 422, 'This page of the list does not exist.', errors);
}
