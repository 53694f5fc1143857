import type { ResourceWithOptions } from 'adminjs';
import { ApiKey } from '../../../models/index.js';
import type { ComponentIds } from '../component-loader.js';
import { apiKeyActions } from './api-key-actions.js';
import { ScopedResource } from '../scoped-resource.js';
import { NAV, TIMESTAMPS } from '../resources/common.js';

/**
 * Secret keys for partners' servers. `key_hash` is a secret column of the
 * scoped resource: no response, filter or form ever carries it.
 */
export function apiKeyResource(components: ComponentIds): ResourceWithOptions {
  return {
    resource: new ScopedResource(ApiKey, 'organization_id', ['name', 'prefix'], ['key_hash']),
    options: {
      navigation: NAV.integrations,
      sort: { sortBy: 'created_at', direction: 'desc' },
      listProperties: ['name', 'prefix', 'created_by_id', 'last_used_at', 'revoked_at', 'organization_id'],
      showProperties: ['name', 'prefix', 'organization_id', 'created_by_id', 'last_used_at', 'revoked_at', 'created_at', 'updated_at'],
      editProperties: ['name'],
      filterProperties: ['name', 'prefix', 'organization_id', 'revoked_at', 'created_at'],
      properties: {
        ...TIMESTAMPS,
        prefix: { description: 'The first characters of the key, to tell keys apart.' },
        organization_id: { isRequired: false, description: "Staff's keys always belong to their own organization." },
      },
      actions: apiKeyActions(components.ApiKeyNew),
    },
  };
}
