/**
 * Bench-only workaround, loaded with `--import` into the intake server child.
 * server/intake/intake.validate.ts imports `libphonenumber-js/metadata.min.json`
 * with `{ type: 'json' }`, but the package's "import" export condition maps
 * that name to `metadata.min.json.js`, so plain Node and tsx refuse to load it
 * (ERR_IMPORT_ASSERTION_TYPE_FAILED; Jest's resolver does not hit this). This
 * hook sends a JSON-typed import of that name to the real .json file; it
 * changes nothing once the import is fixed, and should be deleted then.
 */
import { register } from 'node:module';
import { isMainThread } from 'node:worker_threads';

const SPECIFIER = 'libphonenumber-js/metadata.min.json';

export async function resolve(specifier, context, nextResolve) {
  if (specifier === SPECIFIER && context.importAttributes?.type === 'json') {
    const resolved = await nextResolve(specifier, { ...context, conditions: ['require', 'node'] });
    return { ...resolved, format: 'json' };
  }
  return nextResolve(specifier, context);
}

// Module hooks run on their own thread, which loads this file too: register only from the main one.
if (isMainThread) register(import.meta.url);
