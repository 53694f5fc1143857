import { randomUUID } from 'node:crypto';
import type { ErrorRequestHandler, Request, RequestHandler } from 'express';
import { escapeHtml } from './http/escape-html.js';
import type { Logger } from './logger.js';

export interface FieldError { field: string; code: string; message: string }

/** An error meant for the client: a stable code, an HTTP status, and optional per-field details. */
export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    readonly errors: FieldError[] = [],
    /** Extra response headers, e.g. `Retry-After` on a 429 or 503. */
    readonly headers: Record<string, string> = {},
    /** Where a person who met this in the browser can go next (the page shown for a navigation links to it). */
    readonly next?: { href: string; label: string },
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/** The problem `title` of each status; the OpenAPI document's examples use it too. */
export const TITLES: Record<number, string> = {
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 409: 'Conflict',
  413: 'Payload Too Large', 415: 'Unsupported Media Type', 422: 'Unprocessable Content',
  429: 'Too Many Requests', 500: 'Internal Server Error', 503: 'Service Unavailable',
};

/** Seconds a client should wait before retrying when the database cannot be reached. */
const DATABASE_RETRY_AFTER_SECONDS = 5;

const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300', '53400']);

/**
 * The database is down, restarting, or out of connections: not the client's
 * fault and worth retrying. Sequelize wraps these in its ConnectionError
 * family; raw pg errors carry a SQLSTATE of class 08 (connection), 57P
 * (shutdown) or 53 (resources), or a socket error code.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e = error as { name?: string; code?: string; parent?: unknown; original?: unknown; message?: string } | undefined; e; e = (e.parent ?? e.original) as typeof e) {
    if (/^Sequelize(Connection|ConnectionRefused|ConnectionAcquireTimeout|ConnectionTimedOut|HostNotFound|HostNotReachable|InvalidConnection|AccessDenied)Error$/.test(e.name ?? '')) return true;
    const code = e.code ?? '';
    if (code.startsWith('08') || UNAVAILABLE_SQLSTATES.has(code) || ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND'].includes(code)) return true;
    if (/Connection terminated|connection is closed|Client has encountered a connection error/i.test(e.message ?? '')) return true;
    if (e === e.parent || e === e.original) break;
  }
  return false;
}

export const notFound: RequestHandler = (req, _res, next) => {
  next(new AppError('not_found', 404, `No route for ${req.method} ${req.path}`));
};

/** The problem+json body (RFC 9457) of an error: the one shape every refusal has. */
export function problemBody(error: AppError): Record<string, unknown> {
  return {
    type: `https://leadharbor.dev/problems/${error.code}`,
    title: TITLES[error.status] ?? 'Error',
    status: error.status,
    code: error.code,
    detail: error.message,
    ...(error.errors.length > 0 ? { errors: error.errors } : {}),
  };
}

/** A person's browser opening a page (not a script calling an API): they get a page to read, not JSON. */
function isNavigation(req: Request): boolean {
  const mode = req.get('sec-fetch-mode');
  if (mode !== undefined) return mode === 'navigate';
  return req.accepts(['json', 'html']) === 'html' && !req.path.includes('/api/');
}

function errorPage(error: AppError, title: string): string {
  const next = error.next ? `<p><a href="${escapeHtml(error.next.href)}">${escapeHtml(error.next.label)}</a></p>` : '';
  return `<!doctype html><html lang="en"><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">`
    + `<title>${escapeHtml(title)} · LeadHarbor</title><h1>${escapeHtml(title)}</h1><p>${escapeHtml(error.message)}</p>${next}</html>`;
}

/**
 * The one place errors become HTTP: `application/problem+json` (RFC 9457),
 * or, for a browser navigation, a plain page saying the same.
 * Unexpected errors are logged with a request id and answered without any
 * internal detail (no stack, no SQL).
 */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) return next(error);
    // body-parser and friends attach a status to client errors (bad JSON, too large).
    const clientStatus = (error as { status?: unknown })?.status;
    let appError: AppError;
    if (error instanceof AppError) {
      appError = error;
    } else if (error instanceof URIError) {
      // Express could not decode a path parameter (`%E0`): no route has such a path.
      appError = new AppError('not_found', 404, `No route for ${req.method} ${req.path}`);
    } else if (typeof clientStatus === 'number' && clientStatus >= 400 && clientStatus < 500) {
      const type = (error as { type?: string }).type ?? 'client_error';
      appError = new AppError(type.replace(/\./g, '_'), clientStatus, clientStatus === 400 ? 'The request body is not valid JSON.' : (error as Error).message);
    } else if (isDatabaseUnavailable(error)) {
      logger.warn(`database unavailable: ${(error as Error).message}`);
      appError = new AppError('database_unavailable', 503, 'The service is briefly unavailable. Retry in a few seconds; nothing was saved.',
        [], { 'Retry-After': String(DATABASE_RETRY_AFTER_SECONDS) });
    } else {
      const requestId = randomUUID();
      logger.error(`unhandled error (request ${requestId})`, error);
      appError = new AppError('internal_error', 500, `An unexpected error occurred. Reference: ${requestId}`);
    }
    const title = TITLES[appError.status] ?? 'Error';
    res.status(appError.status).set(appError.headers);
    if (isNavigation(req)) {
      res.type('html').send(errorPage(appError, title));
      return;
    }
    res.type('application/problem+json').json(problemBody(appError));
  };
}
