import path from 'node:path';
import { tsImport } from 'tsx/esm/api';

/**
 * With DATABASE_URL set (CI), tests use that server. Without it, the suite
 * runs on its own embedded PostgreSQL (a separate folder and port from the
 * app's), so `npm test` works on a machine with no database installed.
 * Each test file then creates its own database on whichever server this is.
 *
 * Plain JS loading the TypeScript through tsx: Jest runs globalSetup outside
 * its module system, where neither the transform's ESM mode nor
 * moduleNameMapper applies.
 */
export default async function globalSetup() {
  // Unpack the packaged Chromium once, here: parallel workers unpacking it at the same time would race.
  const { chromiumExecutable } = await tsImport('./chromium.ts', import.meta.url);
  process.env.CHROMIUM_PATH = await chromiumExecutable();
  if (process.env.DATABASE_URL) return;
  const { startEmbeddedPostgres } = await tsImport('../../server/db/embedded-postgres.ts', import.meta.url);
  const { createLogger } = await tsImport('../../server/logger.ts', import.meta.url);
  const embedded = await startEmbeddedPostgres({
    dataDir: path.resolve('data/pg-test'),
    port: Number(process.env.TEST_EMBEDDED_PG_PORT ?? 54339),
    logger: createLogger('warn'),
  });
  process.env.DATABASE_URL = embedded.url;
  globalThis.__leadharborStopTestDb = embedded.stop;
}
