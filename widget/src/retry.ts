/**
 * When to try a submission again. Network failures (status 0), 408, 425,
 * 429 and 5xx are worth retrying; any other 4xx will fail the same way again.
 * Delays grow exponentially with "equal jitter" (half fixed, half random) so
 * a crowd of widgets that failed together does not come back together, and a
 * server's Retry-After always wins.
 */
const RETRY_BASE_MS = 1000;
export const RETRY_CAP_MS = 16000;
/** Attempts made while the visitor waits; after that the submission waits in the outbox. */
export const ATTEMPTS = 4;
/** A Retry-After longer than this is not worth keeping the visitor waiting: queue instead. */
export const MAX_WAIT_MS = 30000;

export const retryable = (status: number): boolean =>
  status === 0 || status === 408 || status === 425 || status === 429 || status >= 500;

/** Milliseconds a Retry-After header asks for (seconds or an HTTP date), or null when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number | null {
  if (!header) return null;
  const seconds = Number(header);
  if (header.trim() !== '' && Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

/** The wait before retry number `attempt` (1 = the first retry). */
export function backoff(attempt: number, retryAfter: string | null = null, random = Math.random, now = Date.now()): number {
  const asked = retryAfterMs(retryAfter, now);
  if (asked !== null) return asked;
  const ceiling = Math.min(RETRY_CAP_MS, RETRY_BASE_MS * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
