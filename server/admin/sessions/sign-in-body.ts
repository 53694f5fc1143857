import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';

/** Far more than an email (255) and a password (256) need: anything bigger is not a sign-in. */
export const SIGN_IN_BODY_LIMIT = '16kb';
const MAX_FIELDS = 10;

/** A sign-in body that cannot be read; `status` 400, 413 or 415. */
export class SignInBodyError extends Error {
  constructor(readonly status: 400 | 413 | 415, message: string) {
    super(message);
    this.name = 'SignInBodyError';
  }
}

export interface SignInFields {
  email: string;
  password: string;
}

const urlencoded = express.urlencoded({ extended: false, limit: SIGN_IN_BODY_LIMIT, parameterLimit: MAX_FIELDS });
const json = express.json({ limit: SIGN_IN_BODY_LIMIT, strict: true });
const raw = express.raw({ type: () => true, limit: SIGN_IN_BODY_LIMIT });

const MALFORMED = 'The sign-in form could not be read. Reload the page and try again.';

/** Runs a body-parser middleware, turning its client errors (bad JSON, too large, bad charset) into SignInBodyError. */
function parseWith(parser: RequestHandler, req: Request, res: Response): Promise<void> {
  return new Promise((resolve, reject) => {
    parser(req, res, ((error?: unknown) => {
      if (!error) return resolve();
      const status = (error as { status?: unknown }).status;
      if (status === 413) return reject(new SignInBodyError(413, 'The sign-in form is too large.'));
      if (status === 415) return reject(new SignInBodyError(415, 'The sign-in form uses a character set other than UTF-8.'));
      if (typeof status === 'number' && status >= 400 && status < 500) return reject(new SignInBodyError(400, MALFORMED));
      reject(error);
    }) as NextFunction);
  });
}

function boundaryOf(contentType: string): string | null {
  const match = /;\s*boundary=(?:"([^"]{1,70})"|([^\s;"]{1,70}))/i.exec(contentType);
  return match ? (match[1] ?? match[2])! : null;
}

/**
 * The text fields of a `multipart/form-data` body (what `FormData` and
 * supertest's `.field()` send). Files, a missing or wrong boundary, and a
 * truncated body are refused: a sign-in has two short text fields.
 */
export function parseMultipartFields(body: Buffer, boundary: string): Record<string, string> {
  const text = body.toString('latin1'); // byte for byte; values are decoded as UTF-8 below
  const delimiter = `--${boundary}`;
  const start = text.indexOf(delimiter);
  if (start === -1 || (start > 0 && text.lastIndexOf('\r\n', start) !== start - 2)) throw new SignInBodyError(400, MALFORMED);
  const fields: Record<string, string> = {};
  let pos = start + delimiter.length;
  for (let count = 0; ; count += 1) {
    if (text.startsWith('--', pos)) return fields; // the closing delimiter
    if (count >= MAX_FIELDS || !text.startsWith('\r\n', pos)) throw new SignInBodyError(400, MALFORMED);
    const headersEnd = text.indexOf('\r\n\r\n', pos + 2);
    if (headersEnd === -1) throw new SignInBodyError(400, MALFORMED);
    const headers = text.slice(pos + 2, headersEnd).split('\r\n');
    const valueEnd = text.indexOf(`\r\n${delimiter}`, headersEnd + 4);
    if (valueEnd === -1) throw new SignInBodyError(400, MALFORMED);
    const disposition = headers.find((h) => /^content-disposition\s*:/i.test(h)) ?? '';
    if (!/^content-disposition\s*:\s*form-data\s*(;|$)/i.test(disposition) || /;\s*filename\*?=/i.test(disposition)) {
      throw new SignInBodyError(400, MALFORMED);
    }
    const name = /;\s*name=(?:"([^"]*)"|([^\s;"]+))/i.exec(disposition);
    if (!name) throw new SignInBodyError(400, MALFORMED);
    const key = name[1] ?? name[2]!;
    if (Object.hasOwn(fields, key)) throw new SignInBodyError(400, `The sign-in form has "${key.slice(0, 40)}" twice.`);
    fields[key] = Buffer.from(text.slice(headersEnd + 4, valueEnd), 'latin1').toString('utf8');
    pos = valueEnd + 2 + delimiter.length;
  }
}

/**
 * Reads the email and password of a sign-in, from a urlencoded form (the
 * login page), multipart form data or JSON, within SIGN_IN_BODY_LIMIT.
 * Throws SignInBodyError for a body that cannot be read; missing fields are
 * empty strings (a wrong sign-in, not a malformed one).
 */
export async function readSignInFields(req: Request, res: Response): Promise<SignInFields> {
  let fields: unknown = {};
  // No body at all is a wrong sign-in, not a malformed one; false: a body of another type.
  const empty = req.headers['transfer-encoding'] === undefined && Number(req.headers['content-length'] ?? 0) === 0;
  const kind = empty ? null : req.is(['application/x-www-form-urlencoded', 'application/json', 'multipart/form-data']);
  if (kind === 'application/x-www-form-urlencoded') {
    await parseWith(urlencoded, req, res);
    fields = req.body;
  } else if (kind === 'application/json') {
    await parseWith(json, req, res);
    fields = req.body;
  } else if (kind === 'multipart/form-data') {
    const boundary = boundaryOf(req.headers['content-type'] ?? '');
    if (!boundary) throw new SignInBodyError(400, 'The sign-in form is multipart but names no boundary.');
    await parseWith(raw, req, res);
    fields = parseMultipartFields(Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0), boundary);
  } else if (kind === false) {
    throw new SignInBodyError(415, 'Send the sign-in form as a form (urlencoded or multipart) or as JSON.');
  }
  if (typeof fields !== 'object' || fields === null || Array.isArray(fields)) throw new SignInBodyError(400, 'The sign-in body must be an object with an email and a password.');
  const { email = '', password = '' } = fields as Record<string, unknown>;
  if (typeof email !== 'string' || typeof password !== 'string') throw new SignInBodyError(400, 'The email and the password must each be given once, as text.');
  return { email, password };
}
