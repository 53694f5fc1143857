import type { ActionContext, BaseRecord, CurrentAdmin, Filter, ParamsType, PropertyErrors } from 'adminjs';
import { Op, type WhereOptions } from 'sequelize';
import { AppError } from '../../errors.js';
import { Lead } from '../../../models/index.js';
import { ScopedResource } from '../scoped-resource.js';
import { SEARCH_FILTER } from '../search-filter.js';
import { leadFormRules } from './lead-form-rules.js';
import { assertOwnTags, isTagFilterKey, parseTagFilter, tagCondition, type TagFilter } from '../tags/tag-filter.js';

/** The lead's title: "John Patel", not its email or id. Not a column; made from first and last name. */
export const LEAD_NAME = 'name';

/** Where the list's search box and a lead's title look. */
const LEAD_SEARCH_COLUMNS = ['first_name', 'last_name', 'email', 'phone'];

function withName(record: BaseRecord): BaseRecord {
  record.params[LEAD_NAME] = `${record.params.first_name ?? ''} ${record.params.last_name ?? ''}`.trim() || record.params.email;
  return record;
}

/**
 * Leads through the scoped resource, titled by their full name: each record
 * carries `name`, so a lead's page, its edit form and every reference to it
 * (a submission's, a consent's) read "John Patel". The reference pickers
 * search on the title, which is no column: a search there is the list's own
 * search over names, email and phone.
 */
export class LeadResource extends ScopedResource {
  constructor() {
    super(Lead, 'organization_id', LEAD_SEARCH_COLUMNS);
  }

  override conditionsFor(filter: Filter | null, currentAdmin: CurrentAdmin | undefined): WhereOptions {
    const byName = filter?.filters[LEAD_NAME];
    if (filter && byName) {
      delete filter.filters[LEAD_NAME];
      filter.filters[SEARCH_FILTER] ??= { ...byName, path: SEARCH_FILTER };
    }
    if (!filter || !Object.keys(filter.filters).some(isTagFilterKey)) return super.conditionsFor(filter, currentAdmin);
    // The tag filter is no column: the rest goes to the column filters on a copy, since
    // count and find read the same Filter object in turn.
    const tags = parseTagFilter(filter.filters);
    const columns = Object.fromEntries(Object.entries(filter.filters).filter(([key]) => !isTagFilterKey(key)));
    const rest = Object.assign(Object.create(Object.getPrototypeOf(filter) as object) as Filter, filter, { filters: columns });
    const base = super.conditionsFor(rest, currentAdmin);
    return tags ? { [Op.and]: [base, tagCondition(tags)] } : base;
  }

  /** A tag of another organization is refused by name before the list is read (see tag-filter.ts). */
  private async checkTags(filter: Filter, context?: ActionContext): Promise<void> {
    let tags: TagFilter | null;
    try {
      tags = parseTagFilter(filter.filters);
    } catch {
      return; // the list's own reading of the filter turns it into the field's error
    }
    if (tags) await assertOwnTags(tags, context?.currentAdmin);
  }

  override async count(filter: Filter, context?: ActionContext): Promise<number> {
    await this.checkTags(filter, context);
    return super.count(filter, context);
  }

  /** The title is made, not stored: there is nothing to sort it by in SQL. */
  override assertSortable(sortBy: string): void {
    if (sortBy === LEAD_NAME) throw new AppError('invalid_sort', 422, 'This list cannot be sorted by name.', [{ field: 'sortBy', code: 'invalid', message: 'Sort by another column.' }]);
    super.assertSortable(sortBy);
  }

  /** The intake's rules for a lead's fields, on every create and edit (see lead-form-rules.ts). */
  protected override formRules(params: ParamsType, existing: ParamsType | null): { params: ParamsType; errors: PropertyErrors } {
    return leadFormRules(params, existing);
  }

  override async find(filter: Filter, options: Parameters<ScopedResource['find']>[1], context?: ActionContext): Promise<BaseRecord[]> {
    await this.checkTags(filter, context);
    return (await super.find(filter, options, context)).map(withName);
  }

  override async findOne(id: string | number, context?: ActionContext): Promise<BaseRecord | null> {
    const record = await super.findOne(id, context);
    return record && withName(record);
  }

  override async findMany(ids: (string | number)[], context?: ActionContext): Promise<BaseRecord[]> {
    return (await super.findMany(ids, context)).map(withName);
  }
}
