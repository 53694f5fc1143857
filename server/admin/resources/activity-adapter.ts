import type { ActionContext, BaseRecord, Filter, ParamsType, PropertyErrors } from 'adminjs';
import { Activity, Lead } from '../../../models/index.js';
import { MESSAGES } from '../../../models/lead-rules.js';
import { ACTIVITY_TYPE_LABELS, LOGGED_ACTIVITY_TYPES } from '../../../models/value-sets.js';
import { asAdmin } from '../current-admin.js';
import { ScopedResource } from '../scoped-resource.js';

/**
 * The form's type field: only the types a person logs. The stored `type`
 * also holds the ones the database records (status changes, submissions), so
 * it cannot be the form's dropdown without offering those; this field stands
 * in for it on the forms and is turned back into `type` before the write.
 */
export const LOGGED_TYPE = 'logged_type';

const isLoggedType = (value: unknown) => (LOGGED_ACTIVITY_TYPES as readonly unknown[]).includes(value);
const LOGGED_TYPE_MESSAGE = `Choose one of: ${LOGGED_ACTIVITY_TYPES.map((t) => ACTIVITY_TYPE_LABELS[t]).join(', ')}. The others are recorded automatically.`;

function withLoggedType(record: BaseRecord): BaseRecord {
  if (isLoggedType(record.params.type)) record.params[LOGGED_TYPE] = record.params.type;
  return record;
}

/**
 * Activities through the scoped resource. A new one is filed under its lead's
 * organization and under the staff member logging it, whatever the form
 * sends (a lead of another organization is refused by the reference check,
 * as any reference is); an edit never moves it to another lead or author.
 * The record of what happened stays what happened: who may edit or delete
 * one at all is the access policy's (admins only).
 */
export class ActivityResource extends ScopedResource {
  constructor() {
    super(Activity, 'organization_id', ['summary']);
  }

  override async create(params: ParamsType, context?: ActionContext): Promise<ParamsType> {
    const leadId = params.lead_id;
    const lead = typeof leadId === 'string' || typeof leadId === 'number'
      ? /^\d{1,9}$/.test(String(leadId)) ? await Lead.findByPk(leadId, { attributes: ['id', 'organization_id'] }) : null
      : null;
    const author = asAdmin(context?.currentAdmin)?.id;
    return super.create({ ...params, organization_id: lead?.organization_id ?? null, user_id: author ?? null }, context);
  }

  override async update(id: string | number, params: ParamsType, context?: ActionContext): Promise<ParamsType> {
    const kept = Object.fromEntries(Object.entries(params).filter(([key]) => !['lead_id', 'organization_id', 'user_id', 'metadata'].includes(key.split('.')[0]!)));
    return super.update(id, kept, context);
  }

  /** The form's type becomes the stored one; a new or changed type must be one a person logs. */
  protected override formRules(params: ParamsType, existing: ParamsType | null): { params: ParamsType; errors: PropertyErrors } {
    const { [LOGGED_TYPE]: logged, ...rest } = params;
    const errors: PropertyErrors = {};
    if (logged !== undefined && logged !== null && logged !== '') rest.type = logged;
    if (!existing && (rest.type === undefined || rest.type === null || rest.type === '')) errors[LOGGED_TYPE] = { message: MESSAGES.required, type: 'required' };
    else if (rest.type !== undefined && rest.type !== existing?.type && !isLoggedType(rest.type)) errors[LOGGED_TYPE] = { message: LOGGED_TYPE_MESSAGE, type: 'invalid' };
    return { params: rest, errors };
  }

  override async find(filter: Filter, options: Parameters<ScopedResource['find']>[1], context?: ActionContext): Promise<BaseRecord[]> {
    return (await super.find(filter, options, context)).map(withLoggedType);
  }

  override async findOne(id: string | number, context?: ActionContext): Promise<BaseRecord | null> {
    const record = await super.findOne(id, context);
    return record && withLoggedType(record);
  }

  override async findMany(ids: (string | number)[], context?: ActionContext): Promise<BaseRecord[]> {
    return (await super.findMany(ids, context)).map(withLoggedType);
  }
}
