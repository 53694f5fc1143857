import type { RunnableMigration } from 'umzug';
import type { QueryInterface } from 'sequelize';
import * as m000 from './2026.11.26T10.00.00.create-updated-at-function.js';
import * as m001 from './2026.11.26T10.01.00.create-organizations.js';
import * as m002 from './2026.11.26T10.02.00.create-users.js';
import * as m003 from './2026.11.26T10.03.00.create-lead-sources.js';
import * as m004 from './2026.11.26T10.04.00.create-campaigns.js';
import * as m005 from './2026.11.26T10.05.00.create-insurance-products.js';
import * as m006 from './2026.11.26T10.06.00.create-leads.js';
import * as m007 from './2026.11.26T11.00.00.create-admin-sessions.js';
import * as m008 from './2026.11.26T12.00.00.lead-list-performance.js';
import * as m009 from './2026.11.26T13.00.00.create-lead-stats.js';
import * as m010 from './2026.11.26T14.00.00.create-site-keys.js';
import * as m011 from './2026.11.26T14.01.00.create-api-keys.js';
import * as m012 from './2026.11.26T14.02.00.create-lead-submissions.js';
import * as m013 from './2026.11.26T14.03.00.create-consents.js';
import * as m014 from './2026.11.26T14.04.00.create-rate-limits.js';
import * as m015 from './2026.11.26T14.05.00.shard-lead-stats.js';
import * as m016 from './2026.11.26T14.06.00.create-intake-function.js';
import * as m017 from './2026.12.02T10.00.00.create-user-roles.js';
import * as m018 from './2026.12.03T07.00.00.sessions-and-sign-in-attempts.js';
import * as m019 from './2026.12.03T12.30.00.record-contact-date-on-status-change.js';
import * as m020 from './2026.12.03T13.00.00.submission-product-source-campaign.js';
import * as m021 from './2026.12.03T14.00.00.consent-languages.js';
import * as m022 from './2026.12.03T15.00.00.idempotency-window-from-the-app.js';
import * as m023 from './2026.12.03T16.00.00.usable-site-keys.js';
import * as m024 from './2026.12.04T15.00.00.organization-timezone.js';
import * as m025 from './2026.12.04T15.00.00.search-ignores-accents.js';
import * as m026 from './2026.12.04T19.00.00.campaign-end-after-start.js';
import * as m027 from './2026.12.04T19.10.00.campaign-active-follows-status.js';
import * as m028 from './2026.12.04T20.00.00.create-activities.js';
import * as mCreateNotes from './2026.12.04T20.10.00.create-notes.js';
import * as mCreateTags from './2026.12.04T20.20.00.create-tags.js';
import * as mCreateDocuments from './2026.12.04T20.30.00.create-documents.js';
import * as mLeadsByOrganizationAndId from './2026.12.04T20.50.00.leads-by-organization-and-id.js';

/** Table that records applied migrations (name + applied time). */
export const MIGRATIONS_TABLE = 'schema_migrations';

/**
 * Every migration, in order, imported statically: the same list works under
 * tsx, Jest and the compiled `dist/` without globbing for `.ts` or `.js`.
 * A test checks that every file in this folder is listed here.
 */
const modules = {
  '2026.11.26T10.00.00.create-updated-at-function': m000,
  '2026.11.26T10.01.00.create-organizations': m001,
  '2026.11.26T10.02.00.create-users': m002,
  '2026.11.26T10.03.00.create-lead-sources': m003,
  '2026.11.26T10.04.00.create-campaigns': m004,
  '2026.11.26T10.05.00.create-insurance-products': m005,
  '2026.11.26T10.06.00.create-leads': m006,
  '2026.11.26T11.00.00.create-admin-sessions': m007,
  '2026.11.26T12.00.00.lead-list-performance': m008,
  '2026.11.26T13.00.00.create-lead-stats': m009,
  '2026.11.26T14.00.00.create-site-keys': m010,
  '2026.11.26T14.01.00.create-api-keys': m011,
  '2026.11.26T14.02.00.create-lead-submissions': m012,
  '2026.11.26T14.03.00.create-consents': m013,
  '2026.11.26T14.04.00.create-rate-limits': m014,
  '2026.11.26T14.05.00.shard-lead-stats': m015,
  '2026.11.26T14.06.00.create-intake-function': m016,
  '2026.12.02T10.00.00.create-user-roles': m017,
  '2026.12.03T07.00.00.sessions-and-sign-in-attempts': m018,
  '2026.12.03T12.30.00.record-contact-date-on-status-change': m019,
  '2026.12.03T13.00.00.submission-product-source-campaign': m020,
  '2026.12.03T14.00.00.consent-languages': m021,
  '2026.12.03T15.00.00.idempotency-window-from-the-app': m022,
  '2026.12.03T16.00.00.usable-site-keys': m023,
  '2026.12.04T15.00.00.organization-timezone': m024,
  '2026.12.04T15.00.00.search-ignores-accents': m025,
  '2026.12.04T19.00.00.campaign-end-after-start': m026,
  '2026.12.04T19.10.00.campaign-active-follows-status': m027,
  '2026.12.04T20.00.00.create-activities': m028,
  '2026.12.04T20.10.00.create-notes': mCreateNotes,
  '2026.12.04T20.20.00.create-tags': mCreateTags,
  '2026.12.04T20.30.00.create-documents': mCreateDocuments,
  '2026.12.04T20.50.00.leads-by-organization-and-id': mLeadsByOrganizationAndId,
};

export const MIGRATIONS: RunnableMigration<QueryInterface>[] = Object.entries(modules).map(
  ([name, { up, down }]) => ({
    name,
    up: (params) => up(params),
    down: (params) => down(params),
  }),
);
