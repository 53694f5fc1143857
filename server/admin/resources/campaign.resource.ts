import type { ResourceWithOptions } from 'adminjs';
import { Campaign } from '../../../models/index.js';
import { CAMPAIGN_STATUSES, CAMPAIGN_STATUS_LABELS, CAMPAIGN_TYPES, CAMPAIGN_TYPE_LABELS } from '../../../models/value-sets.js';
import { ScopedResource } from '../scoped-resource.js';
import { NAV, SLUG, TIMESTAMPS, dropdown, SLUGGED_ACTIONS } from './common.js';

export function campaignResource(): ResourceWithOptions {
  return {
    resource: new ScopedResource(Campaign, 'organization_id'),
    options: {
      navigation: NAV.leads,
      listProperties: ['name', 'campaign_type', 'status', 'budget', 'start_date', 'end_date', 'organization_id'],
      // The two dates side by side in reading order, start first (the table's column order put the end above the start).
      editProperties: ['name', 'campaign_type', 'status', 'start_date', 'end_date', 'budget', 'description', 'slug', 'organization_id'],
      showProperties: ['name', 'campaign_type', 'status', 'is_active', 'start_date', 'end_date', 'budget', 'description', 'slug', 'organization_id', 'created_at', 'updated_at'],
      // No Active filter: the status decides it (CAMPAIGN_ACTIVE_STATUSES), so filter by status.
      filterProperties: ['name', 'campaign_type', 'status', 'organization_id', 'start_date'],
      properties: {
        ...TIMESTAMPS,
        slug: SLUG,
        status: { ...dropdown(CAMPAIGN_STATUSES, CAMPAIGN_STATUS_LABELS), description: 'Completed and cancelled campaigns stop taking new leads.' },
        campaign_type: dropdown(CAMPAIGN_TYPES, CAMPAIGN_TYPE_LABELS),
        description: { type: 'textarea' },
        // Follows the status; shown on the campaign's page only, as what it means for the widget.
        is_active: { isVisible: { list: false, filter: false, show: true, edit: false } },
      },
      actions: SLUGGED_ACTIONS,
    },
  };
}
