import type { ResourceWithOptions } from 'adminjs';
import { Lead } from '../../../models/index.js';
import { LEAD_PRIORITIES, LEAD_PRIORITY_LABELS, LEAD_STATUSES, LEAD_STATUS_LABELS } from '../../../models/value-sets.js';
import { ScopedResource } from '../scoped-resource.js';
import { SEARCH_FILTER } from '../search-filter.js';
import { NAV, TIMESTAMPS, dropdown } from './common.js';

/** The screen staff live in: newest first, searchable by name, email or phone. */
export function leadResource(): ResourceWithOptions {
  return {
    resource: new ScopedResource(Lead, 'organization_id', ['first_name', 'last_name', 'email', 'phone']),
    options: {
      navigation: NAV.leads,
      sort: { sortBy: 'created_at', direction: 'desc' },
      listProperties: ['first_name', 'last_name', 'email', 'phone', 'status', 'priority', 'score', 'insurance_product_id', 'lead_source_id', 'campaign_id', 'created_at'],
      filterProperties: [SEARCH_FILTER, 'status', 'priority', 'score', 'insurance_product_id', 'lead_source_id', 'campaign_id', 'created_at'],
      properties: {
        ...TIMESTAMPS,
        [SEARCH_FILTER]: {
          type: 'string',
          isVisible: { list: false, show: false, edit: false, filter: true },
        },
        created_at: { isVisible: { list: true, show: true, edit: false, filter: true } },
        status: dropdown(LEAD_STATUSES, LEAD_STATUS_LABELS),
        priority: dropdown(LEAD_PRIORITIES, LEAD_PRIORITY_LABELS),
        score: { description: '0 to 100' },
        notes: { type: 'textarea' },
      },
    },
  };
}
