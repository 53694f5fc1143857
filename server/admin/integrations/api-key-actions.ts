import {
  BaseRecord, NotFoundError, ValidationError,
  type Action, type ActionContext, type ActionRequest, type ActionResponse, type PropertyErrors, type RecordActionResponse,
} from 'adminjs';
import { newSecretKey } from '../../auth/keys.js';
import { asAdmin, isSuperuser } from '../current-admin.js';

/** What the creation form shows beside the secret, and the tests look for. */
export const SHOWN_ONCE = 'Copy this key now: it will not be shown again.';

/** The creation response: the saved record plus the secret, which exists nowhere else. */
export interface CreatedApiKeyResponse extends RecordActionResponse {
  secret: string;
}

/**
 * "Create API key": makes the secret, stores only its SHA-256 and prefix, and
 * answers with the secret once. Nothing else from the form is trusted: the
 * organization is the staffer's own (the scoped resource forces it) or the one
 * a superuser picked, and the creator is whoever is signed in. The secret is
 * never stored, so no later request can read it back.
 */
async function createApiKey(request: ActionRequest, _response: unknown, context: ActionContext): Promise<ActionResponse> {
  const { resource, currentAdmin } = context;
  if (request.method !== 'post') return {};
  const payload = (request.payload ?? {}) as Record<string, unknown>;
  const name = typeof payload.name === 'string' ? payload.name.trim() : '';
  const organization = payload.organization_id === '' ? undefined : payload.organization_id;
  const errors: PropertyErrors = {};
  if (!name) errors.name = { message: 'Name the key after the system that will use it, like "CRM sync".', type: 'required' };
  if (isSuperuser(currentAdmin) && organization === undefined) {
    errors.organization_id = { message: 'Choose the organization whose leads this key will send.', type: 'required' };
  }
  if (Object.keys(errors).length) throw new ValidationError(errors);

  const { secret, hash, prefix } = newSecretKey();
  const creator = Number(asAdmin(currentAdmin)?.id);
  const saved = await resource.create({
    name, organization_id: organization, key_hash: hash, prefix,
    created_by_id: Number.isSafeInteger(creator) ? creator : null,
  }, context);
  const record = new BaseRecord(saved, resource);
  const response: CreatedApiKeyResponse = {
    record: record.toJSON(currentAdmin),
    secret,
    notice: { type: 'success', message: `API key "${name}" created. ${SHOWN_ONCE}` },
  };
  return response;
}

const isRevoked = (context: ActionContext) => Boolean(context.record?.params.revoked_at);

/**
 * Revoking is final: the intake API refuses a revoked key at once, and there
 * is no way back (make a new key instead). It goes through the scoped
 * resource, so a key of another organization cannot be revoked.
 */
async function revokeApiKey(_request: ActionRequest, _response: unknown, context: ActionContext): Promise<RecordActionResponse> {
  const { record, currentAdmin, h, resource } = context;
  if (!record) throw new NotFoundError('recordNotAccessible', 'revoke');
  const name = String(record.params.name ?? `#${record.id()}`);
  if (record.params.revoked_at) {
    return { record: record.toJSON(currentAdmin), notice: { type: 'error', message: `The key "${name}" is already revoked.` } };
  }
  await record.update({ revoked_at: new Date() }, context);
  return {
    record: record.toJSON(currentAdmin),
    notice: { type: 'success', message: `The key "${name}" is revoked: requests with it are now refused.` },
    redirectUrl: h.recordActionUrl({ resourceId: resource.id(), recordId: record.id(), actionName: 'show' }),
  };
}

/** Renaming is the only edit, and only of a key still in use. */
async function onlyName(request: ActionRequest): Promise<ActionRequest> {
  if (request.method !== 'post' || !request.payload) return request;
  const { name } = request.payload as Record<string, unknown>;
  request.payload = name === undefined ? {} : { name };
  return request;
}

/**
 * The API keys' actions: create (with the secret shown once), revoke, rename.
 * No delete: a key that sent leads stays on record, revoked.
 */
export function apiKeyActions(newComponent: string): Record<string, Partial<Action<ActionResponse>>> {
  const active = (context: ActionContext) => !isRevoked(context);
  return {
    new: { handler: createApiKey, component: newComponent },
    edit: { isAccessible: active, isVisible: active, before: onlyName },
    revoke: {
      actionType: 'record',
      component: false,
      icon: 'Slash',
      variant: 'danger',
      guard: 'Revoke this key? Every request made with it will be refused from now on. This cannot be undone.',
      isVisible: active,
      handler: revokeApiKey,
    },
  };
}
