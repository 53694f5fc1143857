import busboy from 'busboy';
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { AppError } from '../errors.js';

/**
 * Far above the largest admin form (a consent text, notes, a lead's fields)
 * and far below what would let one request fill memory.
 */
export const ADMIN_BODY_MAX_BYTES = 512 * 1024;
/** More fields than any admin form has, flattened arrays included. */
export const ADMIN_BODY_MAX_FIELDS = 300;

/** How much one kind of form may hold. */
export interface BodyLimits { maxBytes: number; maxFields: number }
const ADMIN_LIMITS: BodyLimits = { maxBytes: ADMIN_BODY_MAX_BYTES, maxFields: ADMIN_BODY_MAX_FIELDS };

const tooLarge = ({ maxBytes, maxFields }: BodyLimits) =>
  new AppError('body_too_large', 413, `The form is larger than the admin accepts (${Math.round(maxBytes / 1024)} KB, ${maxFields} fields).`);
const malformed = (what: string) => new AppError('invalid_body', 400, `The form could not be read: ${what}.`);
const FILE_REFUSED = () => new AppError('file_not_accepted', 415, 'The admin does not accept file uploads here.');

export type Fields = Record<string, unknown>;
interface ParsedRequest extends Request { fields?: Fields; files?: Record<string, never>; express_formidable?: { parsed: true }; _body?: boolean }

function hasBody(req: Request): boolean {
  return req.headers['transfer-encoding'] !== undefined || (req.headers['content-length'] !== undefined && req.headers['content-length'] !== '0');
}

/** Multipart, in memory: AdminJS's forms post fields only, so any file part refuses the whole request. */
function readMultipart(req: Request, limits: BodyLimits): Promise<Fields> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: req.headers, limits: { fieldSize: limits.maxBytes, fields: limits.maxFields, parts: limits.maxFields, files: 0, fieldNameSize: 200 } });
    } catch {
      reject(malformed('it is multipart but names no boundary'));
      return;
    }
    const fields: Fields = {};
    let received = 0;
    let settled = false;
    const fail = (error: AppError) => {
      if (settled) return;
      settled = true;
      req.unpipe(parser);
      parser.removeAllListeners().on('error', () => {});
      req.resume(); // read and discard the rest, so the answer can be sent on this connection
      reject(error);
    };
    req.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > limits.maxBytes) fail(tooLarge(limits));
    });
    parser.on('field', (name, value, info) => {
      if (info.valueTruncated || info.nameTruncated) fail(tooLarge(limits));
      else if (Object.hasOwn(fields, name)) fail(malformed(`it has "${name.slice(0, 40)}" twice`));
      else fields[name] = value;
    });
    parser.on('file', (_name, stream) => {
      stream.resume();
      fail(FILE_REFUSED());
    });
    parser.on('filesLimit', () => fail(FILE_REFUSED()));
    parser.on('fieldsLimit', () => fail(tooLarge(limits)));
    parser.on('partsLimit', () => fail(tooLarge(limits)));
    parser.on('error', () => fail(malformed('the multipart body is incomplete or malformed')));
    parser.on('close', () => {
      if (settled) return;
      settled = true;
      // A body with none of its boundary's parts (another boundary, or none at all) is no form.
      if (received > 0 && Object.keys(fields).length === 0) reject(malformed('no part of it matches its boundary'));
      else resolve(fields);
    });
    req.on('aborted', () => fail(malformed('the upload was interrupted')));
    req.pipe(parser);
  });
}

/** body-parser's errors, in the admin's words. */
function bodyParserError(error: { status?: number; type?: string }, limits: BodyLimits): AppError {
  if (error.status === 413) return tooLarge(limits);
  if (error.type === 'entity.parse.failed') return malformed('the JSON is not valid');
  if (error.type === 'charset.unsupported' || error.type === 'encoding.unsupported') return new AppError('unsupported_media_type', 415, 'The form uses a character set the admin does not read (send UTF-8).');
  return malformed('the body is malformed');
}

function runBodyParser(parser: RequestHandler, req: ParsedRequest, res: Response, limits: BodyLimits): Promise<Fields> {
  return new Promise((resolve, reject) => {
    parser(req, res, (error?: unknown) => {
      if (error) reject(bodyParserError(error as { status?: number; type?: string }, limits));
      else if (typeof req.body !== 'object' || req.body === null || Array.isArray(req.body)) reject(malformed('the JSON must be an object of fields'));
      else resolve(req.body as Fields);
      req._body = false; // @adminjs/express refuses a request an outside body parser has marked
    });
  });
}

const parsers = new Map<BodyLimits, { urlencoded: RequestHandler; json: RequestHandler }>();
function parsersFor(limits: BodyLimits) {
  let made = parsers.get(limits);
  if (!made) {
    made = {
      urlencoded: express.urlencoded({ extended: false, limit: limits.maxBytes, parameterLimit: limits.maxFields }),
      json: express.json({ limit: limits.maxBytes, strict: true }),
    };
    parsers.set(limits, made);
  }
  return made;
}

/**
 * The fields of a form body (multipart, URL-encoded or a JSON object), read in
 * memory within `limits`; `{}` when there is no body. Throws an AppError of
 * 400 (malformed), 413 (too large) or 415 (a file, or another content type).
 * Pass a `limits` object defined once (parsers are made once per object).
 */
export async function readFormFields(req: Request, res: Response, limits: BodyLimits): Promise<Fields> {
  if (!hasBody(req)) return {};
  const length = Number(req.headers['content-length']);
  if (Number.isFinite(length) && length > limits.maxBytes) throw tooLarge(limits);
  if (req.is('multipart/form-data')) return readMultipart(req, limits);
  if (req.is('application/x-www-form-urlencoded')) return runBodyParser(parsersFor(limits).urlencoded, req, res, limits);
  if (req.is('application/json')) return runBodyParser(parsersFor(limits).json, req, res, limits);
  throw new AppError('unsupported_media_type', 415, 'The admin accepts forms (multipart or URL-encoded) and JSON only.');
}

const signedIn = (req: Request) => Boolean((req.session as { adminUser?: unknown } | undefined)?.adminUser);

/**
 * Reads every admin request body itself, in memory and within
 * ADMIN_BODY_MAX_BYTES / ADMIN_BODY_MAX_FIELDS, and hands AdminJS the fields
 * as express-formidable would; express-formidable (which @adminjs/express
 * always installs) then skips the request. Formidable would write uploads and
 * any `application/octet-stream` body to temporary files, before the sign-in
 * check and without removing them. A signed-out request's body is not read at
 * all (the sign-in form is read by sessions/sign-in-body.ts, through
 * readFormFields, before this runs); the sign-in check then sends the request
 * to the login page. Mount after the session middleware.
 */
export function adminBodyParser(): RequestHandler {
  return async (req: ParsedRequest, res: Response, next: NextFunction) => {
    if (req.express_formidable?.parsed) return next();
    try {
      req.fields = signedIn(req) ? await readFormFields(req, res, ADMIN_LIMITS) : {};
      req.files = {};
      req.express_formidable = { parsed: true };
      next();
    } catch (error) {
      res.set('Connection', 'close'); // the rest of a refused body is not worth reading
      next(error);
    }
  };
}
