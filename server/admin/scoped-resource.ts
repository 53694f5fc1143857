import { BaseRecord, ForbiddenError, ValidationError, type ActionContext, type Filter, type ParamsType } from 'adminjs';
import { Resource as SequelizeResource, convertFilter } from '@adminjs/sequelize';
import { ForeignKeyConstraintError, Op, type ModelStatic, type Model, type WhereOptions } from 'sequelize';
import type { CurrentAdmin } from 'adminjs';
import { confinedOrganization } from './current-admin.js';
import { SEARCH_FILTER, searchCondition } from './search-filter.js';

type AnyModel = ModelStatic<Model>;

/**
 * The Sequelize adapter with per-organization isolation built into every
 * read and write, rather than into each action: list, show, search, reference
 * pickers, bulk actions, export and custom actions all reach records through
 * these methods, so a staff member can only ever see or change rows of their
 * own organization, whatever URL or API call they make. Superusers are not
 * confined.
 *
 * `scopeColumn` is the column holding the organization (`id` for the
 * organizations table itself); `null` means a shared catalogue table.
 */
export class ScopedResource extends SequelizeResource {
  constructor(
    private readonly model: AnyModel,
    private readonly scopeColumn: string | null,
    /** Columns the free-text `search` filter looks in (see search-filter.ts). */
    private readonly searchColumns: readonly string[] = [],
  ) {
    super(model);
  }

  /**
   * The filter's conditions AND the confinement (also used by the CSV export), as one explicit `Op.and`:
   * merging through a Sequelize scope would let a request's own
   * `organization_id` filter replace the confinement on the same key.
   */
  conditionsFor(filter: Filter | null, currentAdmin: CurrentAdmin | undefined): WhereOptions {
    const conditions: WhereOptions[] = [];
    if (filter) {
      const entries = Object.values(filter.filters);
      const search = entries.find((f) => f.path === SEARCH_FILTER);
      // Only real columns reach the adapter's converter: the virtual search filter is handled
      // here, and a filter on an unknown path (a typo, a crafted URL) is ignored, not a 500.
      const columns = entries.filter((f) => f.property && f.path !== SEARCH_FILTER);
      conditions.push(convertFilter({ reduce: (fn: never, init: never) => columns.reduce(fn, init) } as unknown as Filter) as WhereOptions);
      if (search && this.searchColumns.length) conditions.push(searchCondition(String(search.value), this.searchColumns));
    }
    const org = this.scopeColumn ? confinedOrganization(currentAdmin) : undefined;
    if (org !== undefined) conditions.push({ [this.scopeColumn!]: org });
    return { [Op.and]: conditions };
  }

  private where(filter: Filter | null, context?: ActionContext): WhereOptions {
    return this.conditionsFor(filter, context?.currentAdmin);
  }

  /** Attributes the model's default scope hides (users' hashed_password) never reach AdminJS. */
  private visible(params: ParamsType): ParamsType {
    const hidden = (this.model.options.defaultScope?.attributes as { exclude?: string[] } | undefined)?.exclude ?? [];
    return Object.fromEntries(Object.entries(params).filter(([key]) => !hidden.includes(key)));
  }

  override async count(filter: Filter, context?: ActionContext): Promise<number> {
    return this.model.count({ where: this.where(filter, context) });
  }

  override async find(
    filter: Filter,
    { limit = 20, offset = 0, sort = {} }: { limit?: number; offset?: number; sort?: { sortBy?: string; direction?: 'asc' | 'desc' } },
    context?: ActionContext,
  ): Promise<BaseRecord[]> {
    const rows = await this.model.findAll({
      where: this.where(filter, context),
      limit,
      offset,
      order: sort.sortBy ? [[sort.sortBy, (sort.direction ?? 'asc').toUpperCase()]] : undefined,
    });
    return rows.map((row) => new BaseRecord(row.toJSON(), this));
  }

  override async findOne(id: string | number, context?: ActionContext): Promise<BaseRecord | null> {
    const row = await this.model.findOne({ where: { [Op.and]: [{ [this.primaryKey()]: id }, this.where(null, context)] } });
    return row ? new BaseRecord(row.toJSON(), this) : null;
  }

  /** Bulk actions: a selection that includes any record out of reach is refused as a whole. */
  override async findMany(ids: (string | number)[], context?: ActionContext): Promise<BaseRecord[]> {
    const byId = { [this.primaryKey()]: { [Op.in]: ids } };
    const rows = await this.model.findAll({ where: { [Op.and]: [byId, this.where(null, context)] } });
    if (rows.length < new Set(ids.map(String)).size && (await this.model.count({ where: byId })) > rows.length) {
      throw new ForbiddenError('recordNotAccessible');
    }
    return rows.map((row) => new BaseRecord(row.toJSON(), this));
  }

  /** Staff write into their own organization only; the column is forced, never taken from the form. */
  private confine(params: ParamsType, context?: ActionContext): ParamsType {
    const org = this.scopeColumn === 'organization_id' ? confinedOrganization(context?.currentAdmin) : undefined;
    return org === undefined ? params : { ...params, organization_id: org };
  }

  private async assertReachable(id: string | number, context?: ActionContext): Promise<void> {
    if (!(await this.findOne(id, context))) throw new ForbiddenError('recordNotAccessible');
  }

  override async create(params: ParamsType, context?: ActionContext): Promise<ParamsType> {
    return this.visible(await this.mapDatabaseErrors(() => super.create(this.confine(params, context))));
  }

  override async update(id: string | number, params: ParamsType, context?: ActionContext): Promise<ParamsType> {
    await this.assertReachable(id, context);
    return this.visible(await this.mapDatabaseErrors(() => super.update(id, this.confine(params, context))));
  }

  override async delete(id: string | number, context?: ActionContext): Promise<void> {
    await this.assertReachable(id, context);
    await super.delete(id);
  }

  /** A reference to a row that does not exist is the user's mistake: say which field, never a 500. */
  private async mapDatabaseErrors<T>(write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      if (error instanceof ForeignKeyConstraintError) {
        const field = (error.fields as string[] | undefined)?.[0] ?? String(error.index ?? 'reference');
        throw new ValidationError({ [field]: { message: 'The selected record does not exist (it may have been deleted).', type: 'foreign_key' } });
      }
      throw error;
    }
  }
}
