import type { ResourceWithOptions } from 'adminjs';
import { Campaign } from '../../../models/index.js';
import { CAMPAIGN_STATUSES, CAMPAIGN_STATUS_LABELS } from '../../../models/value-sets.js';
import { ScopedResource } from '../scoped-resource.js';
import { NAV, SLUG, TIMESTAMPS, dropdown, SLUGGED_ACTIONS } from './common.js';

export function campaignResource(): ResourceWithOptions {
  return {
    resource: new ScopedResource(Campaign, 'organization_id'),
    options: {
      navigation: NAV.leads,
      listProperties: ['name', 'campaign_type', 'status', 'budget', 'start_date', 'end_date', 'organization_id'],
      filterProperties: ['name', 'campaign_type', 'status', 'is_active', 'organization_id', 'start_date'],
      properties: { ...TIMESTAMPS, slug: SLUG, status: dropdown(CAMPAIGN_STATUSES, CAMPAIGN_STATUS_LABELS), description: { type: 'textarea' } },
      actions: SLUGGED_ACTIONS,
    },
  };
}
