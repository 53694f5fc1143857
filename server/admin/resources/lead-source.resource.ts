import type { ResourceWithOptions } from 'adminjs';
import { LeadSource } from '../../../models/index.js';
import { SOURCE_TYPES, SOURCE_TYPE_LABELS } from '../../../models/value-sets.js';
import { ScopedResource } from '../scoped-resource.js';
import { NAV, SLUG, TIMESTAMPS, dropdown, SLUGGED_ACTIONS } from './common.js';

/** A platform-wide catalogue: read-only to staff. */
export function leadSourceResource(): ResourceWithOptions {
  return {
    resource: new ScopedResource(LeadSource, null),
    options: {
      navigation: NAV.leads,
      listProperties: ['name', 'slug', 'source_type', 'is_active', 'created_at'],
      filterProperties: ['name', 'source_type', 'is_active'],
      properties: { ...TIMESTAMPS, slug: SLUG, source_type: dropdown(SOURCE_TYPES, SOURCE_TYPE_LABELS), description: { type: 'textarea' } },
      actions: SLUGGED_ACTIONS,
    },
  };
}
