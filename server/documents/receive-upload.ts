import busboy from 'busboy';
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Request } from 'express';
import { AppError, type FieldError } from '../errors.js';
import { FILE_FIELD, checkDocumentName, isFieldError, type AcceptedName } from './document-type.js';
import { newStagingPath } from './staging.js';

/** What one file part became: staged on disk, measured, and fingerprinted on the way. */
export interface ReceivedFile {
  path: string;
  name: AcceptedName;
  size: number;
  sha256: string;
  /** Valid UTF-8 from start to end, with no NUL byte: the only proof a CSV or TXT file can give. */
  isText: boolean;
}

/** Room for the multipart headers and boundaries around the file itself. */
const MULTIPART_OVERHEAD_BYTES = 16 * 1024;

const megabytes = (bytes: number) => (bytes >= 1024 * 1024 ? `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB` : `${Math.round(bytes / 1024)} KB`);
export const tooLarge = (maxBytes: number) => new AppError('file_too_large', 413, `The file is larger than ${megabytes(maxBytes)}, the most the admin accepts.`,
  [{ field: FILE_FIELD, code: 'too_large', message: `Files can be at most ${megabytes(maxBytes)}.` }]);
const refused = (error: FieldError, status = 422) => new AppError(error.code, status, error.message, [error]);
const malformed = (what: string) => new AppError('invalid_upload', 400, `The upload could not be read: ${what}. Try again.`,
  [{ field: FILE_FIELD, code: 'invalid_upload', message: `The upload could not be read: ${what}.` }]);

/** Hashes, counts and judges the bytes as they pass, so the file is read once. */
class Fingerprint extends Transform {
  readonly hash = createHash('sha256');
  size = 0;
  isText = true;
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.hash.update(chunk);
    this.size += chunk.length;
    if (this.isText) {
      try {
        this.decoder.decode(chunk, { stream: true });
        if (chunk.includes(0)) this.isText = false;
      } catch {
        this.isText = false;
      }
    }
    done(null, chunk);
  }

  override _flush(done: TransformCallback): void {
    if (this.isText) {
      try { this.decoder.decode(); } catch { this.isText = false; } // a sequence cut off at the end
    }
    done();
  }
}

/**
 * Reads a `multipart/form-data` upload of exactly one file (field `file`),
 * streaming it into a staged file while it is hashed and measured, and
 * refusing it as soon as it is too large, badly named or broken. On any
 * refusal the staged file is gone before this rejects; on success the
 * caller owns `path` and must remove it.
 */
export async function receiveUpload(req: Request, { documentsDir, maxBytes }: { documentsDir: string; maxBytes: number }): Promise<ReceivedFile> {
  if (!req.is('multipart/form-data')) {
    throw new AppError('unsupported_media_type', 415, 'Send the document as a multipart form with one file in the field "file".');
  }
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes + MULTIPART_OVERHEAD_BYTES) throw tooLarge(maxBytes);
  let parser: busboy.Busboy;
  try {
    // fileSize one over the limit: busboy reports a file that reaches its limit exactly as cut off.
    // preservePath: busboy would otherwise cut a name to what follows its last slash, and a
    // path-like name would pass as a plain one instead of being refused.
    parser = busboy({
      headers: req.headers, preservePath: true, defParamCharset: 'utf8',
      limits: { files: 1, fileSize: maxBytes + 1, fields: 10, fieldSize: 1024, parts: 11, fieldNameSize: 100 },
    });
  } catch {
    throw malformed('it is multipart but names no boundary');
  }

  return new Promise<ReceivedFile>((resolve, reject) => {
    let settled = false;
    let staged: string | undefined;
    let writing: Promise<ReceivedFile | undefined> | undefined;
    let problem: AppError | undefined;
    let current: NodeJS.ReadableStream & { destroy(error?: Error): void } | undefined;

    const finish = async (error?: AppError) => {
      if (settled) return;
      settled = true;
      req.unpipe(parser);
      parser.removeAllListeners().on('error', () => {});
      if (error) {
        req.resume(); // discard the rest, so the refusal can be sent
        current?.destroy(new Error('upload refused')); // a part cut off mid-way would never end, nor its write settle
        await writing?.catch(() => undefined);
        if (staged) await fs.rm(staged, { force: true }).catch(() => {});
        reject(error);
        return;
      }
      try {
        const file = await writing;
        if (!file) throw malformed('it holds no file (send it in the field "file")');
        resolve(file);
      } catch (failure) {
        if (staged) await fs.rm(staged, { force: true }).catch(() => {});
        reject(failure);
      }
    };

    parser.on('file', (field, stream, info) => {
      if (writing || problem) { stream.resume(); problem ??= malformed('it holds more than one file'); return; }
      if (field !== FILE_FIELD) { stream.resume(); problem = malformed(`the file must come in the field "${FILE_FIELD}"`); return; }
      const name = checkDocumentName(info.filename);
      if (isFieldError(name)) { stream.resume(); problem = refused(name, name.code === 'type_not_allowed' ? 415 : 422); return; }
      const fingerprint = new Fingerprint();
      current = stream;
      // Until the pipeline below is set up (after an await), a broken form's error must not go unheard.
      stream.on('error', () => {});
      stream.on('limit', () => { problem = tooLarge(maxBytes); }); // busboy cuts the file off here and ends it; finish() then drops it
      writing = (async () => {
        staged = await newStagingPath(documentsDir);
        await pipeline(stream, fingerprint, createWriteStream(staged, { flags: 'wx', mode: 0o600 }));
        return { path: staged, name, size: fingerprint.size, sha256: fingerprint.hash.digest('hex'), isText: fingerprint.isText };
      })();
      // Failures surface through finish(); this only keeps an early one from being unhandled.
      writing.catch(() => {});
    });
    parser.on('filesLimit', () => { problem ??= malformed('it holds more than one file'); });
    parser.on('partsLimit', () => { void finish(malformed('it has too many parts')); });
    parser.on('fieldsLimit', () => { void finish(malformed('it has too many fields')); });
    parser.on('error', () => { void finish(problem ?? malformed('it ended before its last part (was the upload interrupted?)')); });
    parser.on('close', () => { void finish(problem); });
    req.on('aborted', () => { void finish(malformed('the upload was interrupted')); });
    req.on('close', () => { if (!req.complete) void finish(malformed('the upload was interrupted')); });
    req.on('error', () => { void finish(malformed('the upload was interrupted')); });
    req.pipe(parser);
  });
}
