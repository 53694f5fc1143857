import type { LocaleTranslations } from 'adminjs';
import type { RequestHandler } from 'express';
import { PIPELINE_ACTIONS } from './pipeline/lead-pipeline.js';

export const RECORD_NOT_ACCESSIBLE = 'This record does not exist or belongs to another organization.';

/**
 * Words staff read in the admin. AdminJS shows some messages as untranslated
 * keys or with raw `{{placeholders}}`, and labels columns by their names
 * ("Insurance Product Id"); these replace both.
 */
export const ADMIN_TRANSLATIONS: LocaleTranslations = {
  messages: {
    forbiddenError: 'You do not have permission to do this. Ask a superuser if you need access.',
    anyForbiddenError: 'You do not have permission to do this. Ask a superuser if you need access.',
    recordNotAccessible: RECORD_NOT_ACCESSIBLE,
    invalidCredentials: 'Wrong email or password.',
    thereWereValidationErrors: 'Some fields need attention: see the messages under them.',
  },
  properties: {
    organization_id: 'Organization', insurance_product_id: 'Product', lead_source_id: 'Source', campaign_id: 'Campaign',
    created_at: 'Created', updated_at: 'Updated', is_active: 'Active', is_superuser: 'Superuser',
  },
  actions: {
    ...Object.fromEntries(PIPELINE_ACTIONS.map((a) => [a.name, a.label])),
    changeStatus: 'Change status',
    changePriority: 'Change priority',
    exportCsv: 'Export CSV',
  },
  resources: {
    leads: { properties: { search: 'Name, email or phone', name: 'Name' } },
  },
  components: {
    Login: {
      welcomeHeader: 'LeadHarbor',
      welcomeMessage: 'Sign in to work your leads, campaigns and pipeline.',
    },
  },
};

/** AdminJS's own wording for a record it could not load, which reaches staff as a notice. */
const MISSING_RECORD = /^Record with given id: ".*" cannot be found in resource ".*"$/;

/** Staff-facing text for a notice AdminJS wrote for developers, or the notice unchanged. */
export function readableNotice(message: string): string {
  return MISSING_RECORD.test(message) ? RECORD_NOT_ACCESSIBLE : message;
}

/** Rewrites developer wording in the notices of admin API responses (see readableNotice). */
export const readableNotices: RequestHandler = (_req, res, next) => {
  const json = res.json.bind(res);
  res.json = (body?: { notice?: { message?: unknown } }) => {
    if (typeof body?.notice?.message === 'string') body.notice.message = readableNotice(body.notice.message);
    return json(body);
  };
  next();
};
