import type { FunctionVersion } from './database-function.js';

/**
 * The site keys that work right now: active, of an active organization. The
 * one definition the intake, the CORS checks and widget-config all select
 * from. A simple set-returning SQL function, so PostgreSQL inlines it into
 * each caller's query (the `ix_site_keys_key` lookup stays an index scan), and
 * its `s.*` follows columns added to site_keys later, which a view's would not.
 */
export const usableSiteKeysV1: FunctionVersion = {
  name: 'usable_site_keys',
  args: '',
  returns: 'SETOF site_keys',
  language: 'sql',
  attributes: 'STABLE',
  version: 1,
  body: String.raw`
  SELECT s.* FROM site_keys s JOIN organizations o ON o.id = s.organization_id WHERE s.is_active AND o.is_active
`,
};
