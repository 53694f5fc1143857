import { existsSync } from 'node:fs';
import path from 'node:path';
import type AdminJS from 'adminjs';
import { ADMIN_JS_TMP_DIR, COMPONENTS_OUTPUT_PATH, componentsBundler, generateUserComponentEntry } from 'adminjs/bundler';

/** Where the custom components bundle lives (ADMIN_JS_TMP_DIR, default `.adminjs/` in the working directory). */
export const COMPONENTS_BUNDLE = path.resolve(COMPONENTS_OUTPUT_PATH);

/**
 * Bundles the custom admin components (dashboard, board, bulk change) once.
 * `npm run build` calls this so production never bundles at run time: AdminJS
 * would otherwise bundle after the server listens, and a failure there
 * crashes the running server.
 */
export async function bundleComponents(admin: AdminJS): Promise<string> {
  await componentsBundler.createEntry({ content: generateUserComponentEntry(admin, ADMIN_JS_TMP_DIR) });
  await componentsBundler.build();
  return COMPONENTS_BUNDLE;
}

export function componentsBundled(): boolean {
  return existsSync(COMPONENTS_BUNDLE);
}
