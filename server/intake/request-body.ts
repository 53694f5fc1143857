import express, { type Request, type Response } from 'express';
import { AppError } from '../errors.js';

/** Largest body the intake accepts, after decompression; a quote request is a few hundred bytes. */
export const MAX_BODY_BYTES = 16 * 1024;

// body-parser inflates gzip and deflate (the limit applies to the inflated body) and refuses any other Content-Encoding with a 415 before reading.
const readRaw = express.raw({ type: () => true, limit: MAX_BODY_BYTES });

// fatal: bytes that are not UTF-8 are refused, never replaced by U+FFFD (a name would be stored garbled). A leading BOM is dropped.
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The request body as JSON, with the contract's errors: 415 for another
 * content type (`application/json`, or `text/plain` holding JSON, which some
 * form tools and beacon-style senders can only produce) or a Content-Encoding
 * other than gzip or deflate, 413 above 16 kB, 400 when it cannot be read
 * (broken upload, corrupt compression, bytes that are not UTF-8) or does not parse.
 */
export async function readJsonBody(req: Request, res: Response): Promise<unknown> {
  const type = (req.get('Content-Type') ?? '').toLowerCase();
  const [mediaType = '', ...params] = type.split(';').map((p) => p.trim());
  const charset = params.find((p) => p.startsWith('charset='))?.slice('charset='.length).replace(/"/g, '');
  if (!['application/json', 'text/plain'].includes(mediaType) || (charset && charset !== 'utf-8' && charset !== 'utf8')) {
    throw new AppError('unsupported_media_type', 415,
      `Send the body as application/json (or text/plain holding JSON) in UTF-8; got ${mediaType ? `"${type}"` : 'no Content-Type'}.`);
  }
  // RFC 9110 8.4.1.3: a recipient should treat x-gzip as gzip; body-parser knows only the latter.
  if (req.headers['content-encoding']?.trim().toLowerCase() === 'x-gzip') req.headers['content-encoding'] = 'gzip';
  await new Promise<void>((resolve, reject) => {
    readRaw(req, res, (error?: unknown) => {
      if (!error) return resolve();
      const status = (error as { status?: number }).status;
      reject(status === 413
        ? new AppError('payload_too_large', 413, `The body is larger than ${MAX_BODY_BYTES / 1024} kB.`)
        : status === 415
          ? new AppError('unsupported_content_encoding', 415,
            `Send the body uncompressed, or with Content-Encoding gzip or deflate; got "${req.get('Content-Encoding')}".`)
          : new AppError('invalid_body', 400, 'The request body could not be read: the upload broke off, or its compression is corrupt.'));
    });
  });
  let text: string;
  try {
    text = Buffer.isBuffer(req.body) ? utf8.decode(req.body) : '';
  } catch {
    throw new AppError('invalid_body', 400, 'The request body is not valid UTF-8: send the JSON encoded as UTF-8.');
  }
  if (text.trim() === '') throw new AppError('invalid_json', 400, 'The request body is empty: send the lead as a JSON object.');
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new AppError('invalid_json', 400, `The request body is not valid JSON (${(error as Error).message}).`);
  }
}
