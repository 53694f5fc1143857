import type { MigrationFn } from 'umzug';
import type { QueryInterface } from 'sequelize';
import { installFunction } from './functions/database-function.js';
import { intakeSubmitV2 } from './functions/intake-submit.v2.sql.js';
import { intakeSubmitV3 } from './functions/intake-submit.v3.sql.js';
import { checkIn } from './support/ddl.js';

/**
 * Consent in the visitor's language. A site key gets its Spanish consent
 * text beside the English one (`consent_text`, unchanged, holds the English
 * text); a consent record keeps the language of the text the visitor was
 * shown (null when the caller did not say, as API callers before this did
 * not). Neither table is in the seed schema; both columns are additive.
 * intake_submit() v3 (functions/intake-submit.v3.sql.ts) stores
 * `body.consent.language`; down reinstalls v2.
 */

/** Frozen copy of the widget's languages at the time of this migration: a new language needs a migration of its own. */
const LANGUAGES = ['en', 'es'];

export const up: MigrationFn<QueryInterface> = async ({ context: qi }) => {
  await qi.sequelize.query('ALTER TABLE site_keys ADD COLUMN consent_text_es text');
  await qi.sequelize.query(`ALTER TABLE consents ADD COLUMN language varchar(2) ${checkIn('consents', 'language', LANGUAGES)}`);
  await installFunction(qi, intakeSubmitV3);
};

export const down: MigrationFn<QueryInterface> = async ({ context: qi }) => {
  await installFunction(qi, intakeSubmitV2);
  await qi.sequelize.query('ALTER TABLE consents DROP COLUMN language');
  await qi.sequelize.query('ALTER TABLE site_keys DROP COLUMN consent_text_es');
};
