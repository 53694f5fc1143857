import express, { type Request, type Response } from 'express';
import { AppError } from '../errors.js';

/** Largest body the intake accepts; a quote request is a few hundred bytes. */
export const MAX_BODY_BYTES = 16 * 1024;

const readRaw = express.raw({ type: () => true, limit: MAX_BODY_BYTES });

/**
 * The request body as JSON, with the contract's errors: 415 for another
 * content type (`application/json`, or `text/plain` holding JSON, which some
 * form tools and beacon-style senders can only produce), 413 above 16 kB,
 * 400 when it does not parse. Also returns the raw text, whose hash identifies an idempotent retry.
 */
export async function readJsonBody(req: Request, res: Response): Promise<{ json: unknown; text: string }> {
  const type = (req.get('Content-Type') ?? '').toLowerCase();
  const [mediaType = '', ...params] = type.split(';').map((p) => p.trim());
  const charset = params.find((p) => p.startsWith('charset='))?.slice('charset='.length).replace(/"/g, '');
  if (!['application/json', 'text/plain'].includes(mediaType) || (charset && charset !== 'utf-8' && charset !== 'utf8')) {
    throw new AppError('unsupported_media_type', 415,
      `Send the body as application/json (or text/plain holding JSON) in UTF-8; got ${mediaType ? `"${type}"` : 'no Content-Type'}.`);
  }
  await new Promise<void>((resolve, reject) => {
    readRaw(req, res, (error?: unknown) => {
      if (!error) return resolve();
      const status = (error as { status?: number }).status;
      reject(status === 413
        ? new AppError('payload_too_large', 413, `The body is larger than ${MAX_BODY_BYTES / 1024} kB.`)
        : new AppError('invalid_body', 400, 'The request body could not be read.'));
    });
  });
  const text = Buffer.isBuffer(req.body) ? req.body.toString('utf8').replace(/^\uFEFF/, '') : '';
  if (text.trim() === '') throw new AppError('invalid_json', 400, 'The request body is empty: send the lead as a JSON object.');
  try {
    return { json: JSON.parse(text), text };
  } catch (error) {
    throw new AppError('invalid_json', 400, `The request body is not valid JSON (${(error as Error).message}).`);
  }
}
