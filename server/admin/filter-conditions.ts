import type { Filter } from 'adminjs';
import { convertFilter } from '@adminjs/sequelize';
import { Op, type ModelStatic, type Model, type WhereOptions } from 'sequelize';
import { AppError } from '../errors.js';
import { SEARCH_FILTER, foldedContains, searchCondition } from './search-filter.js';

const NUMBER_TYPES = new Set(['number', 'float', 'reference']);
const DATE_TYPES = new Set(['date', 'datetime']);
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})?$/i;

type Range = { from?: unknown; to?: unknown };
type Entry = Filter['filters'][string];

const isRange = (v: unknown): v is Range => typeof v === 'object' && v !== null && !Array.isArray(v)
  && Object.keys(v).every((k) => k === 'from' || k === 'to');
const blank = (v: unknown): boolean => v === undefined || (typeof v === 'string' && v.trim() === '');

/** A filter value that cannot mean anything for its column: a 422 naming the query parameter. */
function invalidFilter(field: string, message: string): AppError {
  return new AppError('invalid_filter', 422, `The filter ${field} is not valid: ${message}.`, [{ field, code: 'invalid', message }]);
}

/** Ids and scores are integers, amounts may have decimals: anything else would fail in SQL. */
function parseNumber(raw: unknown, type: string, field: string): number {
  const n = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : NaN;
  if (type === 'float' ? Number.isFinite(n) : Number.isSafeInteger(n)) return n;
  throw invalidFilter(field, type === 'float' ? 'expected a number' : 'expected a whole number');
}

/**
 * ISO 8601 only, normalised to UTC (what the columns hold; a time without a
 * zone is taken as UTC), so JavaScript and PostgreSQL cannot read it apart.
 */
function parseDate(raw: unknown, type: string, field: string): string {
  const text = typeof raw === 'string' ? raw.trim() : '';
  const ms = DATE_ONLY.test(text) ? Date.parse(`${text}T00:00:00Z`)
    : DATE_TIME.test(text) ? Date.parse(/(Z|[+-]\d{2}:?\d{2})$/i.test(text) ? text : `${text}Z`) : NaN;
  // Date.parse rolls 2024-02-30 over to March 1st: a real date survives the round trip.
  const iso = Number.isNaN(ms) ? '' : new Date(ms).toISOString();
  if (!iso || (DATE_ONLY.test(text) && !iso.startsWith(text))) throw invalidFilter(field, 'expected an ISO 8601 date');
  return type === 'date' ? iso.slice(0, 10) : iso;
}

/** `validate.isIn` as `[[...values]]` or `{ args: [[...values]], msg }`. */
function hasValueSet(model: ModelStatic<Model>, path: string): boolean {
  const isIn = (model.getAttributes()[path]?.validate as { isIn?: unknown } | undefined)?.isIn;
  const args = Array.isArray(isIn) ? isIn : (isIn as { args?: unknown } | undefined)?.args;
  return Array.isArray(args) && Array.isArray(args[0]);
}

/** One number or date filter as a condition, checked first; a range becomes bounds. */
function typedCondition(entry: Entry): WhereOptions | undefined {
  const type = entry.property.type();
  const parse = (raw: unknown, field: string) => (NUMBER_TYPES.has(type) ? parseNumber : parseDate)(raw, type, field);
  const column = entry.property.name();
  const value: unknown = entry.value;
  if (isRange(value)) {
    const bounds = {
      ...(!blank(value.from) && { [Op.gte]: parse(value.from, `filters.${entry.path}~~from`) }),
      ...(!blank(value.to) && { [Op.lte]: parse(value.to, `filters.${entry.path}~~to`) }),
    };
    return Object.getOwnPropertySymbols(bounds).length ? { [column]: bounds } : undefined;
  }
  if (blank(value)) return undefined;
  if (DATE_TYPES.has(type)) {
    // One day, as the list's date filter means it.
    const from = parseDate(value, type, `filters.${entry.path}`);
    return { [column]: { [Op.gte]: from, [Op.lt]: new Date(Date.parse(from) + 86_400_000).toISOString() } };
  }
  return { [column]: parse(value, `filters.${entry.path}`) };
}

/**
 * An AdminJS filter as Sequelize conditions, the same for the list and the
 * CSV export:
 * - numbers, ids and dates are checked (a bad one is a 422 naming the
 *   parameter, never an SQL error) and ranges become bounds (the adapter's
 *   converter drops number ranges);
 * - a column with a value set (status, priority) matches exactly, which the
 *   indexes can use, rather than the adapter's `LIKE '%value%'`;
 * - the virtual `search` filter looks in `searchColumns`, and a text filter
 *   on one of those columns (the email filter) matches as the search does,
 *   ignoring case and accents, which the folded trigram index serves;
 * - a filter on an unknown path (a typo, a crafted URL) is ignored;
 * - anything else (text) goes through the adapter's own converter.
 */
export function filterConditions(filter: Filter, model: ModelStatic<Model>, searchColumns: readonly string[]): WhereOptions[] {
  const conditions: WhereOptions[] = [];
  const rest: Entry[] = [];
  for (const entry of Object.values(filter.filters)) {
    if (entry.path === SEARCH_FILTER) {
      if (searchColumns.length && !blank(entry.value)) conditions.push(searchCondition(String(entry.value), searchColumns));
    } else if (!entry.property) {
      continue;
    } else if (NUMBER_TYPES.has(entry.property.type()) || DATE_TYPES.has(entry.property.type())) {
      const condition = typedCondition(entry);
      if (condition) conditions.push(condition);
    } else if (typeof entry.value === 'string' && searchColumns.includes(entry.path)) {
      if (!blank(entry.value)) conditions.push(foldedContains(entry.path, entry.value.trim()));
    } else if (typeof entry.value === 'string' && hasValueSet(model, entry.path)) {
      conditions.push({ [entry.path]: entry.value });
    } else {
      rest.push(entry);
    }
  }
  if (rest.length) conditions.push(convertFilter({ reduce: (fn: never, init: never) => rest.reduce(fn, init) } as unknown as Filter) as WhereOptions);
  return conditions;
}
