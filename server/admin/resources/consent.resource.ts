import type { ResourceWithOptions } from 'adminjs';
import { Consent } from '../../../models/index.js';
import { ScopedResource } from '../scoped-resource.js';
import { LANGUAGES, LANGUAGE_NAMES } from '../../../models/lead-rules.js';
import { NAV, dropdown } from './common.js';

/**
 * Consent records, the legal proof of what each visitor agreed to: read-only
 * to everyone (the database refuses changes too).
 */
export function consentResource(): ResourceWithOptions {
  return {
    resource: new ScopedResource(Consent, 'organization_id'),
    options: {
      navigation: NAV.integrations,
      sort: { sortBy: 'created_at', direction: 'desc' },
      listProperties: ['lead_id', 'granted', 'consent_version', 'granted_at', 'page_url', 'ip_address'],
      showProperties: ['lead_id', 'submission_id', 'organization_id', 'granted', 'consent_version', 'language', 'consent_text', 'text_sha256', 'granted_at',
        'ip_address', 'user_agent', 'page_url', 'trustedform_cert_url', 'leadid_token', 'created_at'],
      filterProperties: ['lead_id', 'granted', 'consent_version', 'submission_id', 'organization_id', 'created_at'],
      properties: {
        consent_text: { type: 'textarea' },
        language: dropdown(LANGUAGES, LANGUAGE_NAMES),
        text_sha256: { description: 'SHA-256 of the consent text, computed by the database: proof the text was not altered.' },
        created_at: { isVisible: { list: false, show: true, edit: false, filter: true } },
      },
    },
  };
}
