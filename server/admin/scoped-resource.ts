import { BaseRecord, ForbiddenError, ValidationError, flat, type ActionContext, type Filter, type ParamsType, type PropertyErrors } from 'adminjs';
import { Resource as SequelizeResource } from '@adminjs/sequelize';
import { Op, type ModelStatic, type Model, type Transaction, type WhereOptions } from 'sequelize';
import type { CurrentAdmin } from 'adminjs';
import { OrganizationScope } from './access/organization-scope.js';
import { AppError } from '../errors.js';
import { filterConditions } from './filter-conditions.js';
import { assertReferences } from './reference-check.js';
import { asFieldErrors, clearedAsEmpty, modelErrors } from './form-check.js';
import { assertPage } from './list-page-bounds.js';
import { listTotal } from './list-total.js';
import { SEARCH_FILTER } from './search-filter.js';
import { withActor } from '../db/actor.js';
import { asAdmin } from './current-admin.js';

type AnyModel = ModelStatic<Model>;

/** From this OFFSET on, a page is found by id first (index-only), then loaded. */
const DEFERRED_OFFSET = 1_000;

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
    readonly scopeColumn: string | null,
    /** Columns the free-text `search` filter looks in (see search-filter.ts). */
    private readonly searchColumns: readonly string[] = [],
    /**
     * Columns that never leave the server (api_keys.key_hash): absent from the
     * properties, so no form, filter or sort can read or probe them, and
     * from every record, including those populated into other resources' records.
     */
    private readonly secretColumns: readonly string[] = [],
  ) {
    super(model);
  }

  /**
   * The filter's conditions (see filter-conditions.ts) AND the confinement, as
   * one explicit `Op.and`: merging through a Sequelize scope would let a
   * request's own `organization_id` filter replace the confinement on the
   * same key. Also used by the CSV export, so both agree row for row. Throws
   * an `invalid_filter` AppError (422) for a value that cannot be a filter.
   */
  conditionsFor(filter: Filter | null, currentAdmin: CurrentAdmin | undefined): WhereOptions {
    if (filter) this.assertFilterable(filter);
    const conditions = filter ? filterConditions(filter, this.model, this.searchColumns) : [];
    if (this.scopeColumn) conditions.push(...OrganizationScope.of(currentAdmin).where(this.scopeColumn));
    return { [Op.and]: conditions };
  }

  /** conditionsFor inside AdminJS actions: a bad filter value becomes a notice with the field's error, not a 500. */
  private where(filter: Filter | null, context?: ActionContext): WhereOptions {
    try {
      return this.conditionsFor(filter, context?.currentAdmin);
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'invalid_filter') throw error;
      throw new ValidationError(
        Object.fromEntries(error.errors.map((e) => [e.field.replace(/^filters\./, '').replace(/~~.*$/, ''), { message: e.message, type: e.code }])),
        { message: error.message },
      );
    }
  }

  /**
   * AdminJS marks every NOT NULL column required, so the browser refuses to
   * submit a form with it empty, even where the database fills it in
   * (`country` defaults to USA, `is_active` to true). A column with a default
   * is optional in the form; leaving it blank lets the database decide.
   */
  override properties(): ReturnType<SequelizeResource['properties']> {
    return super.properties().filter((property) => !this.secretColumns.includes(property.name())).map((property) => this.withDefaults(property));
  }

  override property(path: string): ReturnType<SequelizeResource['property']> {
    if (this.secretColumns.includes(path)) return null;
    const property = super.property(path);
    return property ? this.withDefaults(property) : property;
  }

  private withDefaults<P extends { name(): string; isRequired(): boolean }>(property: P): P {
    const attribute = this.model.getAttributes()[property.name()];
    if (attribute?.defaultValue !== undefined) property.isRequired = () => false;
    return property;
  }

  /** Attributes the model's default scope hides (users' hashed_password) and secret columns never reach AdminJS. */
  private visible(params: ParamsType): ParamsType {
    const hidden = [
      ...(this.model.options.defaultScope?.attributes as { exclude?: string[] } | undefined)?.exclude ?? [],
      ...this.secretColumns,
    ];
    return Object.fromEntries(Object.entries(params).filter(([key]) => !hidden.includes(key)));
  }

  private toRecord(row: Model): BaseRecord {
    return new BaseRecord(this.visible(row.toJSON()), this);
  }

  /** Totals that `find` learnt for a filter (one request's Filter object, so nothing outlives it). */
  private readonly totalsSeen = new WeakMap<Filter, number>();

  /** The list's total (see list-total.ts), unless `find` already learnt it for this filter. */
  override async count(filter: Filter, context?: ActionContext): Promise<number> {
    return this.totalsSeen.get(filter) ?? listTotal(this.model, this.where(filter, context));
  }

  /**
   * One page, newest first with the primary key as tie-breaker (so pages
   * neither repeat nor skip rows that share a timestamp). A deep page first
   * finds its ids, an OFFSET that the list's indexes skip without reading the
   * table (index-only), then loads just those rows.
   */
  override async find(
    filter: Filter,
    { limit = 20, offset = 0, sort = {} }: { limit?: number; offset?: number; sort?: { sortBy?: string; direction?: 'asc' | 'desc' } },
    context?: ActionContext,
  ): Promise<BaseRecord[]> {
    assertPage(limit, offset);
    if (sort.sortBy !== undefined) this.assertSortable(sort.sortBy);
    const where = this.where(filter, context);
    const order = this.listOrder(sort);
    let rows: Model[];
    let found: number;
    if (offset < DEFERRED_OFFSET) {
      rows = await this.model.findAll({ where, limit, offset, order });
      found = rows.length;
    } else {
      const pk = this.primaryKey();
      const ids = (await this.model.findAll({ attributes: [pk], where, limit, offset, order, raw: true }))
        .map((row) => (row as unknown as Record<string, unknown>)[pk]);
      // The conditions again: cheap on ten rows, and a row moved away in between stays out of reach.
      rows = ids.length ? await this.model.findAll({ where: { [Op.and]: [{ [pk]: { [Op.in]: ids } }, where] }, order }) : [];
      found = ids.length;
    }
    // A page that is not full ends the list, so it tells the total: the list action then asks
    // `count` with the same filter, and a search that found one lead is not searched for twice.
    if (found < limit && (found > 0 || offset === 0)) this.totalsSeen.set(filter, offset + found);
    return rows.map((row) => this.toRecord(row));
  }

  /**
   * What the list and the reference pickers offer to filter by: the filter
   * panel's properties, the title the pickers search on, and the free-text
   * search. Anything else (a hidden column such as `hashed_password`, a typo,
   * a nested spelling) is refused, so no column can be probed by filtering.
   */
  private filterablePaths(): Set<string> {
    if (!(this as unknown as { _decorated?: unknown })._decorated) {
      // Outside AdminJS (a bare resource, as some tests build): the visible columns.
      return new Set([...Object.keys(this.model.getAttributes()).filter((c) => Object.hasOwn(this.visible({ [c]: 1 }), c)), SEARCH_FILTER]);
    }
    const decorated = this.decorate();
    return new Set([
      ...decorated.getProperties({ where: 'filter' }).map((p) => p.propertyPath),
      decorated.titleProperty().propertyPath,
      ...(this.searchColumns.length ? [SEARCH_FILTER] : []),
    ]);
  }

  assertFilterable(filter: Filter): void {
    const allowed = this.filterablePaths();
    const unknown = Object.keys(filter.filters).filter((path) => !allowed.has(path));
    if (unknown.length) {
      throw new AppError('unknown_filter', 422, `This list cannot be filtered by ${unknown.map((u) => `"${u}"`).join(', ')}.`,
        unknown.map((path) => ({ field: `filters.${path}`, code: 'unknown_filter', message: `Filter by one of: ${[...allowed].join(', ')}.` })));
    }
  }

  /** The columns the list shows (sortable ones), its default order, the pickers' title and the key: nothing else sorts. */
  assertSortable(sortBy: string): void {
    if (!(this as unknown as { _decorated?: unknown })._decorated) return; // a bare resource outside AdminJS sorts as the caller says
    const decorated = this.decorate();
    const allowed = new Set([
      ...decorated.getListProperties().filter((p) => p.isSortable()).map((p) => p.propertyPath),
      decorated.options.sort?.sortBy, decorated.titleProperty().propertyPath, this.primaryKey(),
    ].filter((p): p is string => typeof p === 'string'));
    if (!allowed.has(sortBy)) {
      throw new AppError('invalid_sort', 422, `This list cannot be sorted by "${sortBy}".`,
        [{ field: 'sortBy', code: 'invalid', message: `Sort by one of: ${[...allowed].join(', ')}.` }]);
    }
  }

  private listOrder(sort: { sortBy?: string; direction?: 'asc' | 'desc' }): [string, string][] | undefined {
    if (!sort.sortBy) return undefined;
    const direction = (sort.direction ?? 'asc').toUpperCase();
    const pk = this.primaryKey();
    return sort.sortBy === pk ? [[pk, direction]] : [[sort.sortBy, direction], [pk, direction]];
  }

  /** Every table's key is an integer: "1x" or "abc" in a URL or filter names no record (rather than an SQL error). */
  private validId(id: string | number): boolean {
    return /^\d{1,9}$/.test(String(id));
  }

  override async findOne(id: string | number, context?: ActionContext): Promise<BaseRecord | null> {
    if (!this.validId(id)) return null;
    const row = await this.model.findOne({ where: { [Op.and]: [{ [this.primaryKey()]: id }, this.where(null, context)] } });
    return row ? this.toRecord(row) : null;
  }

  /**
   * Bulk actions: a selection that includes any record out of reach is
   * refused as a whole. AdminJS also calls this to show the records another
   * resource's rows refer to (an API key's creator, who may be a superuser of
   * no organization): there a referenced record out of reach is left out, so
   * the reference shows as a bare id rather than failing the whole page.
   */
  override async findMany(ids: (string | number)[], context?: ActionContext): Promise<BaseRecord[]> {
    if (!ids.every((id) => this.validId(id))) return [];
    const byId = { [this.primaryKey()]: { [Op.in]: ids } };
    const rows = await this.model.findAll({ where: { [Op.and]: [byId, this.where(null, context)] } });
    const populatingReferences = context !== undefined && context.resource !== this;
    if (!populatingReferences && rows.length < new Set(ids.map(String)).size && (await this.model.count({ where: byId })) > rows.length) {
      throw new ForbiddenError('recordNotAccessible');
    }
    return rows.map((row) => this.toRecord(row));
  }

  /** Staff write into their own organization only; the column is forced, never taken from the form. */
  private confine(params: ParamsType, context?: ActionContext): ParamsType {
    const scope = OrganizationScope.of(context?.currentAdmin);
    return this.scopeColumn !== 'organization_id' || !scope.confined ? params : { ...params, organization_id: scope.organizationId };
  }

  private async assertReachable(id: string | number, context?: ActionContext): Promise<void> {
    if (!(await this.findOne(id, context))) throw new ForbiddenError('recordNotAccessible');
  }

  override async create(params: ParamsType, context?: ActionContext): Promise<ParamsType> {
    const confined = await this.checkedForm(this.confine(params, context), null);
    await assertReferences(this, confined, context);
    return this.visible(await asFieldErrors(this.model, () => this.asActor(context, (transaction) => this.createRow(confined, transaction))));
  }

  /** Secret columns are written once, when the record is made (see api-key-actions.ts), never by an edit. */
  override async update(id: string | number, params: ParamsType, context?: ActionContext): Promise<ParamsType> {
    const existing = await this.findOne(id, context);
    if (!existing) throw new ForbiddenError('recordNotAccessible');
    const writable = Object.fromEntries(Object.entries(params).filter(([key]) => !this.secretColumns.includes(key.split('.')[0]!)));
    const confined = await this.checkedForm(this.confine(writable, context), existing.params);
    await assertReferences(this, confined, context, existing);
    return this.visible(await asFieldErrors(this.model, () => this.asActor(context, (transaction) => this.updateRow(id, confined, transaction))));
  }

  /**
   * The write in a transaction that names the signed-in staff member to the
   * database (server/db/actor.ts), so what the database records about the
   * change (a lead's status-change activity) says who made it, and commits or
   * rolls back with it.
   */
  private asActor<T>(context: ActionContext | undefined, work: (transaction: Transaction) => Promise<T>): Promise<T> {
    return withActor(this.model.sequelize!, asAdmin(context?.currentAdmin)?.id, work);
  }

  /**
   * @adminjs/sequelize's create and update, with a transaction (theirs take
   * none): the same parsing of the form's values and hooks; their errors
   * become field errors in asFieldErrors (form-check.ts).
   */
  private async createRow(params: ParamsType, transaction: Transaction): Promise<ParamsType> {
    const values = flat.unflatten<ParamsType, ParamsType>(this.parseParams(params));
    return (await this.model.create(values, { transaction })).toJSON();
  }

  private async updateRow(id: string | number, params: ParamsType, transaction: Transaction): Promise<ParamsType> {
    const values = flat.unflatten<ParamsType, ParamsType>(this.parseParams(params));
    await this.model.update(values, { where: { [this.primaryKey()]: id }, individualHooks: true, hooks: true, transaction });
    return (await this.model.findByPk(id, { transaction }))!.toJSON();
  }

  /**
   * A resource's own form rules on top of the model's (the lead's contact
   * rules: see lead-form-rules.ts): the params to write, normalised, and
   * each field's error. `existing` is the saved record on an edit.
   */
  protected formRules(params: ParamsType, _existing: ParamsType | null): { params: ParamsType; errors: PropertyErrors } {
    return { params, errors: {} };
  }

  /** Cleared fields as what staff mean, then the resource's rules, with every field's error at once (see form-check.ts). */
  private async checkedForm(params: ParamsType, existing: ParamsType | null): Promise<ParamsType> {
    const ruled = this.formRules(clearedAsEmpty(this.model, params, existing), existing);
    if (Object.keys(ruled.errors).length === 0) return ruled.params;
    throw new ValidationError({ ...(await modelErrors(this.model, ruled.params, existing)), ...ruled.errors });
  }

  override async delete(id: string | number, context?: ActionContext): Promise<void> {
    await this.assertReachable(id, context);
    await super.delete(id);
  }
}
