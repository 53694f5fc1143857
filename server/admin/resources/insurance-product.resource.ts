import type { ResourceWithOptions } from 'adminjs';
import { InsuranceProduct } from '../../../models/index.js';
import { PRODUCT_TYPES, PRODUCT_TYPE_LABELS } from '../../../models/value-sets.js';
import { ScopedResource } from '../scoped-resource.js';
import { NAV, SLUG, TIMESTAMPS, dropdown, SLUGGED_ACTIONS } from './common.js';

/** A platform-wide catalogue: read-only to staff. */
export function insuranceProductResource(): ResourceWithOptions {
  return {
    resource: new ScopedResource(InsuranceProduct, null),
    options: {
      navigation: NAV.catalog,
      listProperties: ['name', 'product_type', 'coverage_amount', 'premium_range_min', 'premium_range_max', 'is_active'],
      filterProperties: ['name', 'product_type', 'is_active'],
      properties: { ...TIMESTAMPS, slug: SLUG, product_type: dropdown(PRODUCT_TYPES, PRODUCT_TYPE_LABELS), description: { type: 'textarea' } },
      actions: SLUGGED_ACTIONS,
    },
  };
}
