import { randomBytes } from 'node:crypto';
import { ValidationError, flat, type ActionContext, type BaseRecord, type Filter, type ParamsType } from 'adminjs';
import { Op } from 'sequelize';
import { STAFF_ROLES, STAFF_ROLE_LABELS, User, UserRole } from '../../../models/index.js';
import { hashPassword } from '../../auth/password.js';
import { staffRole } from '../access/actor.js';
import { OrganizationScope } from '../access/organization-scope.js';
import { ScopedResource } from '../scoped-resource.js';

const truthy = (value: unknown) => value === true || value === 'true';

/**
 * Users through the scoped resource, with the two rules of accounts that a
 * form alone cannot keep: a superuser belongs to no organization (and has no
 * role), staff belong to exactly one; and the role lives in `user_roles`
 * (no row means agent), shown and edited as the `role` field. Nobody sets
 * another person's password: a new account gets an unusable random one,
 * and its owner chooses theirs through a reset link (password-reset.ts).
 */
export class UserResource extends ScopedResource {
  constructor() {
    super(User, 'organization_id', ['email', 'first_name', 'last_name']);
  }

  private async withRoles(records: BaseRecord[]): Promise<BaseRecord[]> {
    const ids = records.map((r) => Number(r.id()));
    const rows = ids.length ? await UserRole.findAll({ where: { user_id: { [Op.in]: ids } } }) : [];
    const roles = new Map(rows.map((r) => [r.user_id, r.role]));
    for (const record of records) {
      record.params.role = truthy(record.params.is_superuser) ? null : staffRole(roles.get(Number(record.id())));
    }
    return records;
  }

  override async find(filter: Filter, options: Parameters<ScopedResource['find']>[1], context?: ActionContext): Promise<BaseRecord[]> {
    return this.withRoles(await super.find(filter, options, context));
  }

  override async findOne(id: string | number, context?: ActionContext): Promise<BaseRecord | null> {
    const record = await super.findOne(id, context);
    return record ? (await this.withRoles([record]))[0]! : null;
  }

  override async findMany(ids: (string | number)[], context?: ActionContext): Promise<BaseRecord[]> {
    return this.withRoles(await super.findMany(ids, context));
  }

  /** Superusers have no organization; staff must have one (a superuser picks it, staff's is their own). */
  private accountShape(values: ParamsType, creating: boolean, existing?: BaseRecord): ParamsType {
    const superuser = values.is_superuser !== undefined ? truthy(values.is_superuser) : truthy(existing?.params.is_superuser);
    if (superuser) return { ...values, organization_id: null };
    const organization = values.organization_id !== undefined ? values.organization_id : existing?.params.organization_id;
    if ((creating || values.organization_id !== undefined || values.is_superuser !== undefined) && (organization === null || organization === undefined || organization === '')) {
      throw new ValidationError({ organization_id: { message: 'Choose the organization this person works for (only superusers have none).', type: 'required' } });
    }
    return values;
  }

  private checkRole(role: unknown): void {
    if (role !== undefined && role !== '' && role !== null && !(STAFF_ROLES as readonly unknown[]).includes(role)) {
      throw new ValidationError({ role: { message: `Choose a role: ${STAFF_ROLES.map((r) => STAFF_ROLE_LABELS[r]).join(', ')}.`, type: 'invalid' } });
    }
  }

  private async saveRole(userId: number, values: ParamsType): Promise<void> {
    if (truthy(values.is_superuser)) await UserRole.destroy({ where: { user_id: userId } });
    else if (values.role !== undefined && values.role !== '') await UserRole.upsert({ user_id: userId, role: staffRole(values.role) });
  }

  /** Staff's accounts are always of their own organization (the scoped resource forces it too). */
  private confined(params: ParamsType, context: ActionContext | undefined): ParamsType {
    const values = flat.unflatten<ParamsType, ParamsType>(params);
    const scope = OrganizationScope.of(context?.currentAdmin);
    return scope.confined ? { ...values, organization_id: scope.organizationId } : values;
  }

  override async create(params: ParamsType, context?: ActionContext): Promise<ParamsType> {
    const { role, ...values } = this.accountShape(this.confined(params, context), true);
    this.checkRole(role);
    // Nobody knows this password: the account's owner sets theirs through a reset link.
    const hashed_password = await hashPassword(randomBytes(32).toString('base64url'));
    const created = await super.create(flat.flatten({ ...values, hashed_password }), context);
    await this.saveRole(Number(created.id), { ...values, role });
    return { ...created, role: truthy(values.is_superuser) ? null : staffRole(role) };
  }

  override async update(id: string | number, params: ParamsType, context?: ActionContext): Promise<ParamsType> {
    const existing = await super.findOne(id, context);
    const { role, ...values } = this.accountShape(this.confined(params, context), false, existing ?? undefined);
    this.checkRole(role);
    const updated = await super.update(id, flat.flatten(values), context);
    await this.saveRole(Number(id), { is_superuser: updated.is_superuser, role });
    return updated;
  }
}
