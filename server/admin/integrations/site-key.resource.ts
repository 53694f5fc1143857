import type { PropertyOptions, ResourceWithOptions } from 'adminjs';
import { PRODUCT_TYPES, PRODUCT_TYPE_LABELS } from '../../../models/value-sets.js';
import { CONSENT_TEMPLATES } from '../../intake/consent-template.js';
import type { ComponentIds } from '../component-loader.js';
import { THEME_FIELDS, siteKeyForm } from './site-key-form.js';
import { SiteKeyResource } from './site-key-adapter.js';
import { NAV, TIMESTAMPS, dropdown } from '../resources/common.js';

const SHOW_ONLY = { list: false, show: true, edit: false, filter: false };
const THEME_HINTS: Record<(typeof THEME_FIELDS)[number], string> = {
  primary_color: 'Buttons and links, as #rgb or #rrggbb.',
  text_color: 'Text, as #rgb or #rrggbb.',
  background_color: 'Form background, as #rgb or #rrggbb.',
  radius: 'Corner rounding, like 8px.',
  font_family: 'Font stack, like Inter, sans-serif.',
};
const THEME_PROPERTIES: Record<string, PropertyOptions> = Object.fromEntries(
  THEME_FIELDS.map((field) => [`theme.${field}`, { type: 'string', description: `${THEME_HINTS[field]} Blank uses the widget's default.` }]),
);

/**
 * Publishable keys, one per partner site. The key is made on create and
 * never typed; the show page gives the exact snippet to paste.
 */
export function siteKeyResource(components: ComponentIds): ResourceWithOptions {
  return {
    resource: new SiteKeyResource(),
    options: {
      navigation: NAV.integrations,
      sort: { sortBy: 'created_at', direction: 'desc' },
      listProperties: ['name', 'key', 'allowed_origins', 'is_active', 'last_used_at', 'organization_id'],
      showProperties: ['embed', 'name', 'key', 'organization_id', 'is_active', 'allowed_origins', 'product_types', 'default_lead_source_id',
        'default_campaign_id', 'consent_text', 'consent_text_es', 'consent_version', 'theme', 'last_used_at', 'created_at', 'updated_at'],
      editProperties: ['name', 'organization_id', 'is_active', 'allowed_origins', 'product_types', 'default_lead_source_id', 'default_campaign_id',
        'consent_text', 'consent_text_es', 'consent_version', 'theme'],
      filterProperties: ['name', 'key', 'is_active', 'organization_id', 'created_at'],
      properties: {
        ...TIMESTAMPS,
        embed: { type: 'string', isVisible: SHOW_ONLY, components: { show: components.EmbedSnippet } },
        key: { isVisible: { list: true, show: true, edit: false, filter: true }, description: 'Made when the key is created.' },
        organization_id: { isRequired: false, description: "Staff's keys always belong to their own organization." },
        allowed_origins: {
          components: { list: components.ListOfValues },
          description: 'Sites allowed to use the key: scheme and host, like https://www.example.com, or https://*.example.com for every subdomain.',
        },
        product_types: { ...dropdown(PRODUCT_TYPES, PRODUCT_TYPE_LABELS), description: 'Products the widget offers; none means all of them.' },
        consent_text: {
          type: 'textarea',
          description: 'Required while the key is active. Visitors agree to it by ticking the box beside it, and it is stored word for word '
            + `with each lead. A wording that works: "${CONSENT_TEMPLATES.en('<your agency>')}"`,
        },
        consent_text_es: {
          type: 'textarea',
          description: 'For visitors whose browser or page is in Spanish; without it they see the English text. '
            + `For example: "${CONSENT_TEMPLATES.es('<su agencia>')}"`,
        },
        consent_version: { description: 'Change it whenever the consent text changes, like v2.' },
        theme: { type: 'mixed' },
        ...THEME_PROPERTIES,
        last_used_at: { isVisible: { list: true, show: true, edit: false, filter: false } },
      },
      actions: { new: { before: siteKeyForm(true) }, edit: { before: siteKeyForm(false) } },
    },
  };
}
