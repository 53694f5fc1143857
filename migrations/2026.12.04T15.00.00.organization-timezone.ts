import type { MigrationFn } from 'umzug';
import type { QueryInterface } from 'sequelize';

/**
 * The organization's time zone, in which the admin and the CSV export show
 * its times (timestamps stay stored as UTC). An IANA name; the app checks it
 * against the zones it knows (models/time-zones.ts), since PostgreSQL's own
 * list differs by build. Not in the seed schema: an additive column, with a
 * default so existing rows and inserts that omit it keep working.
 */
export const up: MigrationFn<QueryInterface> = async ({ context: qi }) => {
  await qi.sequelize.query("ALTER TABLE organizations ADD COLUMN timezone varchar(64) NOT NULL DEFAULT 'America/New_York'");
};

export const down: MigrationFn<QueryInterface> = async ({ context: qi }) => {
  await qi.sequelize.query('ALTER TABLE organizations DROP COLUMN timezone');
};
