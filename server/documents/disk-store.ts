import { createWriteStream, type Dirent } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { newStagingPath } from './staging.js';
import { DocumentMissingError, assertStorageKey, isStorageKey, type DocumentStore, type StoredFile } from './document-store.js';

/**
 * Documents as files under one folder: `<folder>/<organization id>/<uuid>`.
 * A file is written to `.tmp/` (staging.ts) and renamed into place, so a crash or a
 * failed write never leaves a partial file under a real key.
 */
export class DiskDocumentStore implements DocumentStore {
  constructor(readonly folder: string) {}

  private pathOf(key: string): string {
    assertStorageKey(key);
    return path.join(this.folder, ...key.split('/'));
  }

  async put(key: string, body: Readable | Buffer, _info?: { size: number; contentType: string }): Promise<void> {
    const target = this.pathOf(key);
    const temporary = await newStagingPath(this.folder);
    try {
      await pipeline(Buffer.isBuffer(body) ? Readable.from([body]) : body, createWriteStream(temporary, { flags: 'wx', mode: 0o600 }));
      await fs.mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
      await fs.rename(temporary, target);
    } catch (error) {
      await fs.rm(temporary, { force: true });
      throw error;
    }
  }

  async get(key: string): Promise<Readable> {
    const file = this.pathOf(key);
    // Opened before answering, so a missing file is a clean 404 rather than a cut-off download.
    const handle = await fs.open(file, 'r').catch((error: NodeJS.ErrnoException) => {
      throw error.code === 'ENOENT' ? new DocumentMissingError(key) : error;
    });
    return handle.createReadStream({ autoClose: true });
  }

  async delete(key: string): Promise<void> {
    await fs.rm(this.pathOf(key), { force: true });
  }

  async *list(): AsyncIterable<StoredFile> {
    let organizations: Dirent[];
    try {
      organizations = await fs.readdir(this.folder, { withFileTypes: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    for (const organization of organizations) {
      if (!organization.isDirectory() || !/^\d+$/.test(organization.name)) continue;
      for (const file of await fs.readdir(path.join(this.folder, organization.name), { withFileTypes: true })) {
        const key = `${organization.name}/${file.name}`;
        if (!file.isFile() || !isStorageKey(key)) continue;
        const stat = await fs.stat(path.join(this.folder, organization.name, file.name)).catch(() => undefined);
        if (stat) yield { key, modifiedAt: stat.mtime };
      }
    }
  }
}
