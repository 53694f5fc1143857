import type { FunctionVersion } from './database-function.js';

/** Refreshes `updated_at` on every UPDATE, raw SQL included. Each table's migration attaches it (`addUpdatedAtTrigger()` in migrations/support/ddl.ts), so its triggers are not listed here. */
export const setUpdatedAtV1: FunctionVersion = {
  name: 'set_updated_at',
  args: '',
  returns: 'trigger',
  language: 'plpgsql',
  version: 1,
  body: String.raw`
    BEGIN
      NEW.updated_at := timezone('utc', now());
      RETURN NEW;
    END;
    `,
};
