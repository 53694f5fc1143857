import type { ActionContext, ActionRequest, RecordActionResponse, ResourceWithOptions } from 'adminjs';
import { NotFoundError } from 'adminjs';
import { STAFF_ROLES, STAFF_ROLE_LABELS, User } from '../../../models/index.js';
import { asAdmin } from '../current-admin.js';
import { RESET_LINK_MINUTES, forcePasswordReset } from './password-reset.js';
import { UserResource } from './user-adapter.js';
import type { ComponentIds } from '../component-loader.js';
import { NAV, TIMESTAMPS, dropdown } from '../resources/common.js';

/**
 * "Reset password": a GET only describes it; the POST (from the confirm
 * button) ends the user's sessions and answers with a single-use link.
 */
async function resetPassword(request: ActionRequest, _response: unknown, context: ActionContext): Promise<RecordActionResponse> {
  const { record, currentAdmin } = context;
  if (!record) throw new NotFoundError('recordNotAccessible', 'resetPassword');
  if (request.method !== 'post') return { record: record.toJSON(currentAdmin) };
  const actor = Number(asAdmin(currentAdmin)?.id);
  const resetUrl = await forcePasswordReset(User.sequelize!, Number(record.id()), Number.isSafeInteger(actor) ? actor : null);
  const name = `${String(record.params.first_name ?? '')} ${String(record.params.last_name ?? '')}`.trim();
  return {
    record: record.toJSON(currentAdmin),
    resetUrl,
    notice: { type: 'success', message: `${name} is signed out everywhere. Give them the link below.` },
  } as RecordActionResponse;
}

/** A new account has no password anyone knows: the next step is its owner's link. */
async function toResetLink(response: RecordActionResponse, request: ActionRequest, context: ActionContext): Promise<RecordActionResponse> {
  if (request.method !== 'post' || !response.record?.id || Object.keys(response.record.errors ?? {}).length) return response;
  return {
    ...response,
    notice: { type: 'success', message: 'Account created. Get the link its owner needs to choose a password.' },
    redirectUrl: context.h.recordActionUrl({ resourceId: 'users', recordId: response.record.id, actionName: 'resetPassword' }),
  };
}

export function userResource(components: ComponentIds): ResourceWithOptions {
  return {
    resource: new UserResource(),
    options: {
      navigation: NAV.accounts,
      listProperties: ['email', 'first_name', 'last_name', 'role', 'organization_id', 'is_active', 'is_superuser'],
      filterProperties: ['email', 'first_name', 'last_name', 'organization_id', 'is_active', 'is_superuser'],
      editProperties: ['email', 'first_name', 'last_name', 'phone', 'role', 'organization_id', 'is_active', 'is_superuser'],
      showProperties: ['id', 'email', 'first_name', 'last_name', 'phone', 'role', 'organization_id', 'is_active', 'is_superuser', 'created_at', 'updated_at'],
      properties: {
        ...TIMESTAMPS,
        hashed_password: { isVisible: false },
        role: {
          ...dropdown(STAFF_ROLES, STAFF_ROLE_LABELS), isSortable: false,
          description: 'Agents work leads; managers also run campaigns, bulk changes and exports; organization admins also manage staff and keys.',
        },
        organization_id: { isRequired: false, description: 'Superusers belong to no organization; everyone else to exactly one.' },
        is_active: { description: 'Inactive people cannot sign in, and are signed out at once.' },
      },
      actions: {
        new: { after: toResetLink },
        resetPassword: {
          actionType: 'record', icon: 'Key', component: components.ResetPassword,
          custom: { minutes: RESET_LINK_MINUTES }, handler: resetPassword,
        },
      },
    },
  };
}
