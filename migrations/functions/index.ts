import type { FunctionVersion } from './database-function.js';
import { leadContactDateV1 } from './lead-contact-date.v1.sql.js';

/**
 * The version of each database function the latest migration installs.
 * When you add a version file, replace its predecessor here (the old file
 * stays, frozen: the new migration's `down` reinstalls it).
 */
export const LATEST_FUNCTIONS: readonly FunctionVersion[] = [
  leadContactDateV1,
];
