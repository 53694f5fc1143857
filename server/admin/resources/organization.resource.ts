import type { ResourceWithOptions } from 'adminjs';
import { Organization } from '../../../models/index.js';
import { TIME_ZONE_OPTIONS } from '../../../models/time-zones.js';
import { ScopedResource } from '../scoped-resource.js';
import { NAV, SLUG, TIMESTAMPS, SLUGGED_ACTIONS } from './common.js';

/** Staff see their own organization, read-only; superusers manage all of them. */
export function organizationResource(): ResourceWithOptions {
  return {
    resource: new ScopedResource(Organization, 'id'),
    options: {
      navigation: NAV.accounts,
      listProperties: ['name', 'slug', 'email', 'phone', 'is_active', 'created_at'],
      filterProperties: ['name', 'slug', 'is_active', 'created_at'],
      // The name first, as staff think of an organization; AdminJS listed the columns alphabetically (email first).
      editProperties: ['name', 'slug', 'timezone', 'email', 'phone', 'website', 'description', 'is_active'],
      properties: {
        ...TIMESTAMPS, description: { type: 'textarea' }, slug: SLUG,
        timezone: { availableValues: [...TIME_ZONE_OPTIONS], description: 'Times in the admin and in exports are shown in this zone.' },
      },
      actions: SLUGGED_ACTIONS,
    },
  };
}
