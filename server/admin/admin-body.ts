import busboy from 'busboy';
import express, { type NextFunction, type Request, type RequestHandler, type Response, type Router } from 'express';
import { AppError } from '../errors.js';

/**
 * Far above the largest admin form (a consent text, notes, a lead's fields)
 * and far below what would let one request fill memory.
 */
export const ADMIN_BODY_MAX_BYTES = 512 * 1024;
/** More fields than any admin form has, flattened arrays included. */
export const ADMIN_BODY_MAX_FIELDS = 300;

const TOO_LARGE = `The form is larger than the admin accepts (${ADMIN_BODY_MAX_BYTES / 1024} KB, ${ADMIN_BODY_MAX_FIELDS} fields).`;
const tooLarge = () => new AppError('body_too_large', 413, TOO_LARGE);
const malformed = (what: string) => new AppError('invalid_body', 400, `The form could not be read: ${what}.`);

type Fields = Record<string, unknown>;
interface ParsedRequest extends Request { fields?: Fields; files?: Record<string, never>; express_formidable?: { parsed: true }; _body?: boolean }

function hasBody(req: Request): boolean {
  return req.headers['transfer-encoding'] !== undefined || (req.headers['content-length'] !== undefined && req.headers['content-length'] !== '0');
}

/** Multipart, in memory: AdminJS's forms post fields only, so any file part refuses the whole request. */
function readMultipart(req: Request): Promise<Fields> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: req.headers, limits: { fieldSize: ADMIN_BODY_MAX_BYTES, fields: ADMIN_BODY_MAX_FIELDS, parts: ADMIN_BODY_MAX_FIELDS, files: 0, fieldNameSize: 200 } });
    } catch {
      reject(malformed('the multipart boundary is missing'));
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
      if (received > ADMIN_BODY_MAX_BYTES) fail(tooLarge());
    });
    parser.on('field', (name, value, info) => {
      if (info.valueTruncated || info.nameTruncated) fail(tooLarge());
      else fields[name] = value;
    });
    parser.on('file', (_name, stream) => {
      stream.resume();
      fail(new AppError('file_not_accepted', 415, 'The admin does not accept file uploads here.'));
    });
    parser.on('filesLimit', () => fail(new AppError('file_not_accepted', 415, 'The admin does not accept file uploads here.')));
    parser.on('fieldsLimit', () => fail(tooLarge()));
    parser.on('partsLimit', () => fail(tooLarge()));
    parser.on('error', () => fail(malformed('the multipart body is incomplete or malformed')));
    parser.on('close', () => {
      if (settled) return;
      settled = true;
      resolve(fields);
    });
    req.on('aborted', () => fail(malformed('the upload was interrupted')));
    req.pipe(parser);
  });
}

const urlencoded = express.urlencoded({ extended: false, limit: ADMIN_BODY_MAX_BYTES, parameterLimit: ADMIN_BODY_MAX_FIELDS });
const json = express.json({ limit: ADMIN_BODY_MAX_BYTES, strict: true });

/** body-parser's errors, in the admin's words. */
function bodyParserError(error: { status?: number; type?: string }): AppError {
  if (error.status === 413) return tooLarge();
  if (error.type === 'entity.parse.failed') return malformed('the JSON is not valid');
  if (error.type === 'charset.unsupported' || error.type === 'encoding.unsupported') return new AppError('unsupported_media_type', 415, 'The form uses a character set the admin does not read (send UTF-8).');
  return malformed('the body is malformed');
}

function runBodyParser(parser: RequestHandler, req: ParsedRequest, res: Response): Promise<Fields> {
  return new Promise((resolve, reject) => {
    parser(req, res, (error?: unknown) => {
      if (error) reject(bodyParserError(error as { status?: number; type?: string }));
      else if (typeof req.body !== 'object' || req.body === null || Array.isArray(req.body)) reject(malformed('the JSON must be an object of fields'));
      else resolve(req.body as Fields);
      req._body = false; // @adminjs/express refuses a request an outside body parser has marked
    });
  });
}

async function readFields(req: ParsedRequest, res: Response): Promise<Fields> {
  if (!hasBody(req)) return {};
  const length = Number(req.headers['content-length']);
  if (Number.isFinite(length) && length > ADMIN_BODY_MAX_BYTES) throw tooLarge();
  if (req.is('multipart/form-data')) return readMultipart(req);
  if (req.is('application/x-www-form-urlencoded')) return runBodyParser(urlencoded, req, res);
  if (req.is('application/json')) return runBodyParser(json, req, res);
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
 * all, except the sign-in form's; the sign-in check then sends it to the login
 * page. Mount after the session middleware.
 */
export function adminBodyParser(): Router {
  const router = express.Router();
  const parse = (allowSignedOut: boolean) => async (req: ParsedRequest, res: Response, next: NextFunction) => {
    if (req.express_formidable?.parsed) return next();
    try {
      req.fields = allowSignedOut || signedIn(req) ? await readFields(req, res) : {};
      req.files = {};
      req.express_formidable = { parsed: true };
      next();
    } catch (error) {
      res.set('Connection', 'close'); // the rest of a refused body is not worth reading
      next(error);
    }
  };
  router.post('/login', parse(true));
  router.use(parse(false));
  return router;
}
