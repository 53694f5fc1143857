import fs from 'node:fs/promises';
import path from 'node:path';
import { randomUUID } from 'node:crypto';

/**
 * Half-written files: an upload being checked, and the disk store's writes
 * before their rename. Inside the documents folder, so a rename into place
 * stays on one filesystem (and so is atomic), and one sweep finds what a
 * crash left behind.
 */
export const STAGING_FOLDER = '.tmp';

/** A fresh path in `<documentsDir>/.tmp/`, the folder created (owner-only) if needed. */
export async function newStagingPath(documentsDir: string): Promise<string> {
  const folder = path.join(documentsDir, STAGING_FOLDER);
  await fs.mkdir(folder, { recursive: true, mode: 0o700 });
  return path.join(folder, randomUUID());
}

/** Removes staged files last changed before `before`; the number removed. */
export async function removeStaleStagingFiles(documentsDir: string, before: Date): Promise<number> {
  const folder = path.join(documentsDir, STAGING_FOLDER);
  let removed = 0;
  for (const name of await fs.readdir(folder).catch(() => [] as string[])) {
    const file = path.join(folder, name);
    const stat = await fs.stat(file).catch(() => undefined);
    if (stat?.isFile() && stat.mtime < before) {
      await fs.rm(file, { force: true });
      removed += 1;
    }
  }
  return removed;
}
