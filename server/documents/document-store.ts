import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';

/** A stored file as a listing sees it: what the orphan sweep needs. */
export interface StoredFile { key: string; modifiedAt: Date }

/**
 * Where document bytes live. Keys are made by `newStorageKey()` only, so an
 * uploaded name never becomes a path or an object name.
 */
export interface DocumentStore {
  /** Stores the whole body under `key`, or nothing: a reader never sees half a file. */
  put(key: string, body: Readable | Buffer, info: { size: number; contentType: string }): Promise<void>;
  /** The file's bytes; rejects with `DocumentMissingError` when there is none. */
  get(key: string): Promise<Readable>;
  /** Removes the file; a key with no file is not an error (a retried delete, or the sweep got there first). */
  delete(key: string): Promise<void>;
  /** Every stored file, for the orphan sweep. */
  list(): AsyncIterable<StoredFile>;
}

export class DocumentMissingError extends Error {
  constructor(readonly key: string) {
    super(`No stored file for document key ${key}`);
    this.name = 'DocumentMissingError';
  }
}

/** `<organization id>/<uuid>`: grouped by organization (so one can be moved or removed whole), unguessable, and never from user input. */
const KEY_PATTERN = /^[1-9]\d{0,9}\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function newStorageKey(organizationId: number): string {
  return `${organizationId}/${randomUUID()}`;
}

/** Stores refuse any other key, so even a forged row cannot point a store outside its folder or prefix. */
export function assertStorageKey(key: string): void {
  if (!KEY_PATTERN.test(key)) throw new Error(`Not a document storage key: ${JSON.stringify(key).slice(0, 80)}`);
}

export function isStorageKey(key: string): boolean {
  return KEY_PATTERN.test(key);
}
