/**
 * The list's state as it lives in the URL, one helper per question, shared by
 * the list screen, its toolbar and its selection bar (and unit-tested alone).
 */

/** The page sizes staff choose from; the first is AdminJS's own default. */
export const PAGE_SIZES = [10, 25, 50, 100] as const;
export type PageSize = (typeof PAGE_SIZES)[number];

/** Where the chosen page size is remembered, per browser, for every list. */
export const PAGE_SIZE_STORAGE_KEY = 'leadharbor.list.pageSize';

/** The free-text filter staff type into (server/admin/search-filter.ts names it too). */
export const SEARCH_PARAM = 'filters.search';

/** Parameters that say which page of the list is shown, not which leads are in it. */
const NOT_THE_FILTER = new Set(['page', 'perPage', 'sortBy', 'direction', 'recordIds', 'refresh', 'redirectUrl', 'tab']);

function pageSizeOrNull(value: string | null): PageSize | null {
  if (value === null || !/^\d{1,3}$/.test(value)) return null;
  const n = Number(value);
  return (PAGE_SIZES as readonly number[]).includes(n) ? (n as PageSize) : null;
}

/** The page size: the URL's, else the one remembered, else the smallest. */
export function pageSize(search: URLSearchParams, remembered: string | null): PageSize {
  return pageSizeOrNull(search.get('perPage')) ?? pageSizeOrNull(remembered) ?? PAGE_SIZES[0];
}

/** What the list is filtered by, as one comparable string: a change here clears the selection. */
export function filterKey(search: URLSearchParams): string {
  return [...search.entries()].filter(([key]) => !NOT_THE_FILTER.has(key)).sort(([a], [b]) => a.localeCompare(b))
    .map(([key, value]) => `${key}=${value}`).join('&');
}

/** Only the filter's parameters (`filters.*`), as the "all matching" change and the export take them. */
export function filterParams(search: URLSearchParams): URLSearchParams {
  return new URLSearchParams([...search.entries()].filter(([key]) => key.startsWith('filters.')));
}

/** `search` with `changes` applied (null removes a parameter); any change but the page goes back to page 1. */
export function withParams(search: URLSearchParams, changes: Record<string, string | null>): URLSearchParams {
  const next = new URLSearchParams(search);
  for (const [key, value] of Object.entries(changes)) {
    if (value === null || value === '') next.delete(key); else next.set(key, value);
  }
  if (!('page' in changes)) next.delete('page');
  return next;
}

/** "1 lead", "1,234 leads": counts as a person writes them. */
export function countOf(n: number, one: string, many: string): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}
