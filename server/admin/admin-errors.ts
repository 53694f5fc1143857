import type { ErrorRequestHandler } from 'express';
import { AppError } from '../errors.js';
import { ADMIN_TRANSLATIONS, RECORD_NOT_ACCESSIBLE } from './admin-locale.js';

const CODES: Record<number, string> = { 403: 'forbidden', 404: 'not_found' };

/**
 * AdminJS renders refusals inside an action as a notice, but a refusal raised
 * while it loads records (a bulk selection out of reach, a missing record)
 * escapes as a bare error object with `statusCode`. This turns those into an
 * AppError with the readable message, for the app's one error handler.
 */
export const adminErrors: ErrorRequestHandler = (error, _req, _res, next) => {
  const { statusCode, baseMessage, message } = (error ?? {}) as { statusCode?: unknown; baseMessage?: unknown; message?: string };
  if (typeof statusCode === 'number' && CODES[statusCode] && !(error instanceof AppError)) {
    const key = typeof baseMessage === 'string' ? baseMessage : '';
    const readable = (ADMIN_TRANSLATIONS.messages as Record<string, string> | undefined)?.[key] ?? (statusCode === 404 ? RECORD_NOT_ACCESSIBLE : message ?? 'Forbidden');
    next(new AppError(CODES[statusCode]!, statusCode, readable));
    return;
  }
  next(error);
};
