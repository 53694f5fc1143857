import { ValidationError, type CurrentAdmin, type Filter } from 'adminjs';
import { Op, literal, type WhereOptions } from 'sequelize';
import { Tag } from '../../../models/index.js';
import { OrganizationScope } from '../access/organization-scope.js';
import { AppError } from '../../errors.js';

/** `filters.tags=3,7` (or flattened: `filters.tags.0=3&filters.tags.1=7`): the tags a lead must carry. */
export const TAGS_FILTER = 'tags';
/** `filters.tags_match=any` (the default: at least one of them) or `all` (every one of them). */
export const TAGS_MATCH_FILTER = 'tags_match';
export const TAG_MATCHES = ['any', 'all'] as const;
export type TagMatch = (typeof TAG_MATCHES)[number];

/** More tags than anyone picks by hand; a longer list is a crafted URL. */
const MAX_TAGS = 20;

/** AdminJS keeps `filters.tags.0` as a path of its own (it un-flattens filters on `~~` only). */
const FLATTENED = /^tags\.\d+$/;

/** The filter's own keys, in every spelling: the rest of a list's filters are columns. */
export function isTagFilterKey(key: string): boolean {
  return key === TAGS_FILTER || key === TAGS_MATCH_FILTER || FLATTENED.test(key);
}

export interface TagFilter { ids: number[]; match: TagMatch }

function invalid(field: string, message: string): AppError {
  return new AppError('invalid_filter', 422, `The filter ${field} is not valid: ${message}.`, [{ field, code: 'invalid', message }]);
}

/**
 * The tag filter of a list request, or null when it has none. Ids are whole
 * numbers, as many as MAX_TAGS, duplicates dropped; anything else is an
 * `invalid_filter` error naming the parameter (a field error on the list,
 * a 422 on the export), never an SQL error.
 */
export function parseTagFilter(filters: Filter['filters']): TagFilter | null {
  const flattened = Object.keys(filters).filter((key) => FLATTENED.test(key)).map((key) => filters[key]!.value);
  const raw: unknown = flattened.length ? [...flattened, ...[filters[TAGS_FILTER]?.value ?? []].flat()] : filters[TAGS_FILTER]?.value;
  const matchRaw: unknown = filters[TAGS_MATCH_FILTER]?.value;
  const match = matchRaw === undefined || matchRaw === '' ? 'any' : matchRaw;
  if (!(TAG_MATCHES as readonly unknown[]).includes(match)) {
    throw invalid(`filters.${TAGS_MATCH_FILTER}`, 'choose any (at least one of the tags) or all (every one of them)');
  }
  if (raw === undefined || raw === '' || raw === null) return null;
  const pieces = (Array.isArray(raw) ? raw : typeof raw === 'string' || typeof raw === 'number' ? String(raw).split(',') : [raw])
    .map((piece) => (typeof piece === 'string' || typeof piece === 'number' ? String(piece).trim() : piece));
  if (pieces.some((piece) => typeof piece !== 'string' || !/^\d{1,9}$/.test(piece))) {
    throw invalid(`filters.${TAGS_FILTER}`, 'expected tag ids, like 3 or 3,7');
  }
  const ids = [...new Set((pieces as string[]).map(Number))];
  if (ids.length > MAX_TAGS) throw invalid(`filters.${TAGS_FILTER}`, `choose at most ${MAX_TAGS} tags`);
  return { ids, match: match as TagMatch };
}

/**
 * The leads carrying the tags, as one subquery on lead_tags that the
 * (tag_id, lead_id) index answers alone: any of them is a semi-join on the
 * tag ids; all of them counts each lead's matches (the pair is unique, so
 * `count(*)` is the number of distinct tags). The ids are whole numbers
 * already, so they are written into the SQL as such.
 */
export function tagCondition({ ids, match }: TagFilter): WhereOptions {
  const list = ids.join(', ');
  const sql = match === 'all' && ids.length > 1
    ? `(SELECT lead_id FROM lead_tags WHERE tag_id IN (${list}) GROUP BY lead_id HAVING count(*) = ${ids.length})`
    : `(SELECT lead_id FROM lead_tags WHERE tag_id IN (${list}))`;
  return { id: { [Op.in]: literal(sql) } };
}

/**
 * Refuses a tag the staff member cannot see, with the same words whether it
 * does not exist or is another organization's: the filter never tells one
 * organization what another's tag ids are.
 */
export async function assertOwnTags(tags: TagFilter, currentAdmin: CurrentAdmin | undefined): Promise<void> {
  const seen = await Tag.count({ where: { [Op.and]: [{ id: tags.ids }, ...OrganizationScope.of(currentAdmin).where('organization_id')] } });
  if (seen < tags.ids.length) {
    throw new ValidationError({ [TAGS_FILTER]: { message: 'Choose tags of your organization (one of these does not exist).', type: 'invalid' } },
      { message: 'Choose tags of your organization (one of these does not exist).' });
  }
}
