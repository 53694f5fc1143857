import { ValidationError, type ActionRequest, type ActionContext, type ActionResponse, type ResourceWithOptions } from 'adminjs';
import { User } from '../../../models/index.js';
import { hashPassword } from '../../auth/password.js';
import { isSuperuser } from '../current-admin.js';
import { ScopedResource } from '../scoped-resource.js';
import { NAV, TIMESTAMPS } from './common.js';

export const MIN_PASSWORD_LENGTH = 12;

/**
 * Turns the write-only `password` field into `hashed_password` (bcrypt), and
 * drops what a form must never set directly: the hash itself, and
 * `is_superuser` unless a superuser is editing.
 */
function passwordAndRole(creating: boolean) {
  return async (request: ActionRequest, context: ActionContext): Promise<ActionRequest> => {
    if (request.method !== 'post' || !request.payload) return request;
    const { password, hashed_password: _ignored, ...payload } = request.payload as Record<string, unknown>;
    if (!isSuperuser(context.currentAdmin)) {
      delete payload.is_superuser;
      if (creating) payload.is_superuser = false;
    }
    const plain = typeof password === 'string' ? password : '';
    if (plain || creating) {
      if (plain.length < MIN_PASSWORD_LENGTH) {
        throw new ValidationError({ password: { message: `Password must be at least ${MIN_PASSWORD_LENGTH} characters.`, type: 'too_short' } });
      }
      payload.hashed_password = await hashPassword(plain);
    }
    request.payload = payload;
    return request;
  };
}

/** AdminJS echoes the submitted payload back with the saved record; the hash must not ride along. */
async function withoutHash(response: ActionResponse): Promise<ActionResponse> {
  if (response.record?.params) delete response.record.params.hashed_password;
  return response;
}

export function userResource(): ResourceWithOptions {
  return {
    resource: new ScopedResource(User, 'organization_id'),
    options: {
      navigation: NAV.accounts,
      listProperties: ['email', 'first_name', 'last_name', 'organization_id', 'is_active', 'is_superuser'],
      filterProperties: ['email', 'first_name', 'last_name', 'organization_id', 'is_active', 'is_superuser'],
      editProperties: ['email', 'first_name', 'last_name', 'phone', 'password', 'organization_id', 'is_active', 'is_superuser'],
      showProperties: ['id', 'email', 'first_name', 'last_name', 'phone', 'organization_id', 'is_active', 'is_superuser', 'created_at', 'updated_at'],
      properties: {
        ...TIMESTAMPS,
        hashed_password: { isVisible: false },
        password: {
          type: 'password',
          isVisible: { list: false, show: false, filter: false, edit: true },
          description: `At least ${MIN_PASSWORD_LENGTH} characters. Leave blank when editing to keep the current password.`,
        },
      },
      actions: {
        new: { before: passwordAndRole(true), after: withoutHash },
        edit: { before: passwordAndRole(false), after: withoutHash },
      },
    },
  };
}
