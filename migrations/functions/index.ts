import type { FunctionVersion } from './database-function.js';
import { activityContactDateV1 } from './activity-contact-date.v1.sql.js';
import { activityOnStatusChangeV1 } from './activity-on-status-change.v1.sql.js';
import { activityOnSubmissionV1 } from './activity-on-submission.v1.sql.js';
import { campaignsActiveFollowsStatusV1 } from './campaigns-active-follows-status.v1.sql.js';
import { consentsImmutableV1 } from './consents-immutable.v1.sql.js';
import { intakeSubmitV5 } from './intake-submit.v5.sql.js';
import { leadContactDateV1 } from './lead-contact-date.v1.sql.js';
import { leadTagsSameOrganizationV1 } from './lead-tags-same-organization.v1.sql.js';
import { leadStatsOnDeleteV2 } from './lead-stats-on-delete.v2.sql.js';
import { leadStatsOnInsertV2 } from './lead-stats-on-insert.v2.sql.js';
import { leadStatsOnUpdateV2 } from './lead-stats-on-update.v2.sql.js';
import { originAllowedV1 } from './origin-allowed.v1.sql.js';
import { rateLimitHitV1 } from './rate-limit-hit.v1.sql.js';
import { searchFoldV1 } from './search-fold.v1.sql.js';
import { setUpdatedAtV1 } from './set-updated-at.v1.sql.js';
import { usableSiteKeysV1 } from './usable-site-keys.v1.sql.js';

/**
 * The version of each database function the latest migration installs.
 * When you add a version file, replace its predecessor here (the old file
 * stays, frozen: the new migration's `down` reinstalls it).
 */
export const LATEST_FUNCTIONS: readonly FunctionVersion[] = [
  activityContactDateV1,
  activityOnStatusChangeV1,
  activityOnSubmissionV1,
  campaignsActiveFollowsStatusV1,
  consentsImmutableV1,
  intakeSubmitV5,
  leadContactDateV1,
  leadTagsSameOrganizationV1,
  leadStatsOnDeleteV2,
  leadStatsOnInsertV2,
  leadStatsOnUpdateV2,
  originAllowedV1,
  rateLimitHitV1,
  searchFoldV1,
  setUpdatedAtV1,
  usableSiteKeysV1,
];
