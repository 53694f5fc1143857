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
    forbiddenError: 'Your role does not allow this. Ask your organization admin if you need it.',
    anyForbiddenError: 'Your role does not allow this. Ask your organization admin if you need it.',
    recordNotAccessible: RECORD_NOT_ACCESSIBLE,
    invalidCredentials: 'Wrong email or password.',
    thereWereValidationErrors: 'Some fields need attention: see the messages under them.',
  },
  properties: {
    organization_id: 'Organization', insurance_product_id: 'Product', lead_source_id: 'Source', campaign_id: 'Campaign',
    created_at: 'Created', updated_at: 'Updated', is_active: 'Active', is_superuser: 'Superuser', role: 'Role',
  },
  actions: {
    ...Object.fromEntries(PIPELINE_ACTIONS.map((a) => [a.name, a.label])),
    changeStatus: 'Change status',
    changePriority: 'Change priority',
    exportCsv: 'Export CSV',
    revoke: 'Revoke',
    resetPassword: 'Reset password',
  },
  pages: { account: 'My account', board: 'Pipeline board' },
  labels: { site_keys: 'Site keys', api_keys: 'API keys', lead_submissions: 'Submissions', consents: 'Consents' },
  resources: {
    leads: { properties: { search: 'Name, email or phone', name: 'Name' } },
    site_keys: {
      properties: {
        allowed_origins: 'Allowed origins', product_types: 'Products offered', default_lead_source_id: 'Default lead source',
        default_campaign_id: 'Default campaign', consent_text: 'Consent text (English)', consent_text_es: 'Consent text (Spanish)',
        consent_version: 'Consent version', last_used_at: 'Last used',
        theme: 'Widget theme', 'theme.primary_color': 'Button colour', 'theme.text_color': 'Text colour',
        'theme.background_color': 'Background colour', 'theme.radius': 'Corner radius', 'theme.font_family': 'Font',
      },
    },
    organizations: { properties: { timezone: 'Time zone' } },
    api_keys: { properties: { created_by_id: 'Created by', last_used_at: 'Last used', revoked_at: 'Revoked' } },
    lead_submissions: {
      properties: {
        lead_id: 'Lead', site_key_id: 'Site key', api_key_id: 'API key', score_breakdown: 'Score breakdown', ip_address: 'IP address', user_agent: 'User agent',
      },
    },
    consents: {
      properties: {
        lead_id: 'Lead', submission_id: 'Submission', consent_text: 'Consent text', consent_version: 'Version', language: 'Language', granted_at: 'Granted at',
        text_sha256: 'Text SHA-256', ip_address: 'IP address', user_agent: 'User agent', page_url: 'Page', trustedform_cert_url: 'TrustedForm certificate',
        leadid_token: 'LeadiD token',
      },
    },
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
function readableNotice(message: string): string {
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

/** A property's label as staff read it (the resource's own wording first, then the shared one, then the column name in words). */
export function propertyLabel(resourceId: string, path: string): string {
  const own = (ADMIN_TRANSLATIONS.resources as Record<string, { properties?: Record<string, string> }> | undefined)?.[resourceId]?.properties?.[path];
  return own ?? (ADMIN_TRANSLATIONS.properties as Record<string, string> | undefined)?.[path] ?? path.replace(/_id$/, '').replace(/_/g, ' ');
}
