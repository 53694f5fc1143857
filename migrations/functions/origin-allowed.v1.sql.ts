import type { FunctionVersion } from './database-function.js';

/** Whether a page origin is one a site key allows: an exact origin, or a `https://*.example.com` pattern matching its subdomains. */
export const originAllowedV1: FunctionVersion = {
  name: 'origin_allowed',
  args: 'allowed text[], origin text',
  returns: 'boolean',
  language: 'sql',
  attributes: 'IMMUTABLE PARALLEL SAFE',
  version: 1,
  body: String.raw`
    SELECT origin IS NOT NULL AND EXISTS (
      SELECT 1 FROM unnest(allowed) AS a
       WHERE a = origin
          OR (position('://*.' in a) > 0
              AND origin ~ ('^' || regexp_replace(split_part(a, '://*.', 1), '([^A-Za-z0-9])', '\\\1', 'g') || '://[a-z0-9-]+(\.[a-z0-9-]+)*\.'
                                || regexp_replace(split_part(a, '://*.', 2), '([^A-Za-z0-9])', '\\\1', 'g') || '$')))
  `,
};
