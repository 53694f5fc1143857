import type { ResourceWithOptions } from 'adminjs';
import { LeadSubmission } from '../../../models/index.js';
import { SUBMISSION_OUTCOMES, SUBMISSION_OUTCOME_LABELS } from '../../../models/value-sets.js';
import type { ComponentIds } from '../component-loader.js';
import { ScopedResource } from '../scoped-resource.js';
import { NAV, dropdown } from './common.js';

/** Every intake submission as the intake API recorded it: read-only, newest first. */
export function leadSubmissionResource(components: ComponentIds): ResourceWithOptions {
  const json = { type: 'mixed' as const, isVisible: { list: false, show: true, edit: false, filter: false }, components: { show: components.ReadableData } };
  return {
    resource: new ScopedResource(LeadSubmission, 'organization_id', ['reference']),
    options: {
      navigation: NAV.integrations,
      sort: { sortBy: 'created_at', direction: 'desc' },
      listProperties: ['reference', 'outcome', 'lead_id', 'insurance_product_id', 'lead_source_id', 'campaign_id', 'created_at'],
      showProperties: ['reference', 'outcome', 'lead_id', 'insurance_product_id', 'lead_source_id', 'campaign_id', 'organization_id', 'site_key_id',
        'api_key_id', 'score_breakdown', 'payload', 'attribution',
        'ip_address', 'user_agent', 'created_at'],
      filterProperties: ['reference', 'outcome', 'lead_id', 'insurance_product_id', 'lead_source_id', 'campaign_id', 'site_key_id', 'api_key_id',
        'organization_id', 'created_at'],
      properties: {
        reference: { isTitle: true },
        outcome: dropdown(SUBMISSION_OUTCOMES, SUBMISSION_OUTCOME_LABELS),
        created_at: { isVisible: { list: true, show: true, edit: false, filter: true } },
        insurance_product_id: { description: 'The product this submission asked for (a repeat inquiry may ask for another one than its lead).' },
        payload: json,
        attribution: json,
        score_breakdown: json,
      },
    },
  };
}
