import { QueryTypes, type Sequelize } from 'sequelize';
import type { ActivityType } from '../../../models/value-sets.js';
import type { OrganizationScope } from '../access/organization-scope.js';

/** What an entry is: an activity, or a note (documents join here as they land). Ties at one instant are ordered by kind, then id. */
export const TIMELINE_KINDS = ['activity', 'note'] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

/** Where the next page starts: the last entry shown, as `<kind>:<id>` (entries at one instant are told apart by kind and id). */
export interface TimelineCursor { occurredAt: Date; id: string }

export interface TimelineEntry {
  kind: TimelineKind;
  /** The row's id within its kind. */
  id: string;
  type: ActivityType;
  direction: string | null;
  outcome: string | null;
  summary: string | null;
  /** An activity's details, or a note's text. */
  details: string | null;
  occurred_at: Date;
  duration_seconds: number | null;
  metadata: Record<string, unknown>;
  user_id: number | null;
  /** The author's name as staff read it, or null (the database's own entries, a deleted user). */
  user_name: string | null;
}

export const TIMELINE_PAGE = 50;

/** A cursor's `<kind>:<id>`, or null when it is not one this module gave. */
export function parseCursorId(value: string): { rank: number; id: string } | null {
  const match = /^(activity|note):(\d{1,18})$/.exec(value) ?? /^()(\d{1,18})$/.exec(value);
  if (!match) return null;
  const kind = (match[1] || 'activity') as TimelineKind;
  return { rank: TIMELINE_KINDS.indexOf(kind), id: match[2]! };
}

/**
 * One page of a lead's timeline, newest first: its activities and its notes
 * (pinned notes are shown above the timeline, not in it). Keyset pagination
 * on (time, kind, id): each kind is read from its lead's index from the
 * cursor, at most a page of each, and the pages are merged, so page 100 of a
 * lead with 5,000 entries costs what page 1 does (an OFFSET would read every
 * row before it). Confined to the staff member's organization like every
 * admin read; a lead out of reach has an empty timeline. `types` filters by
 * type (`note` for notes).
 */
export async function activityTimeline(
  sequelize: Sequelize, scope: OrganizationScope, leadId: number,
  { before, limit = TIMELINE_PAGE, types }: { before?: TimelineCursor; limit?: number; types?: readonly ActivityType[] } = {},
): Promise<{ entries: TimelineEntry[]; next: TimelineCursor | null }> {
  const bind: Record<string, unknown> = { ...scope.bind, lead: leadId, limit: limit + 1 };
  const after = (at: string, rank: number, id: string) => (before ? `${at} <= $at AND (${at}, ${rank}, ${id}) < ($at, $rank, $id)` : 'true');
  if (before) {
    const position = parseCursorId(before.id);
    if (!position) throw new Error('activityTimeline: a cursor it did not give');
    Object.assign(bind, { at: before.occurredAt, rank: position.rank, id: position.id });
  }
  const withActivities = !types?.length || types.some((t) => t !== 'note');
  const withNotes = !types?.length || types.includes('note');
  if (types?.length && withActivities) bind.types = types;
  const branches: string[] = [];
  if (withActivities) {
    branches.push(`(SELECT 'activity' AS kind, 0 AS rank, a.id, a.type, a.direction, a.outcome, a.summary, a.details, a.occurred_at, a.duration_seconds,
        a.metadata, a.user_id
       FROM activities a
      WHERE a.lead_id = $lead AND ${scope.sql('a.organization_id')} AND ${after('a.occurred_at', 0, 'a.id')}${types?.length ? ' AND a.type = ANY($types)' : ''}
      ORDER BY a.occurred_at DESC, a.id DESC LIMIT $limit)`);
  }
  if (withNotes) {
    branches.push(`(SELECT 'note' AS kind, 1 AS rank, n.id, 'note' AS type, NULL AS direction, NULL AS outcome, NULL AS summary, n.body AS details,
        n.created_at AS occurred_at, NULL::integer AS duration_seconds, '{}'::jsonb AS metadata, n.author_id AS user_id
       FROM notes n
      WHERE n.lead_id = $lead AND NOT n.is_pinned AND ${scope.sql('n.organization_id')} AND ${after('n.created_at', 1, 'n.id')}
      ORDER BY n.created_at DESC, n.id DESC LIMIT $limit)`);
  }
  const rows = await sequelize.query<TimelineEntry & { rank: number }>(`
    SELECT e.kind, e.rank, e.id::text AS id, e.type, e.direction, e.outcome, e.summary, e.details, e.occurred_at, e.duration_seconds, e.metadata, e.user_id,
           nullif(trim(concat_ws(' ', u.first_name, u.last_name)), '') AS user_name
      FROM (${branches.join(' UNION ALL ')}) e LEFT JOIN users u ON u.id = e.user_id
     ORDER BY e.occurred_at DESC, e.rank DESC, e.id DESC
     LIMIT $limit`, { bind, type: QueryTypes.SELECT });
  const entries = rows.slice(0, limit).map(({ rank: _rank, ...entry }) => entry);
  const last = entries.at(-1);
  return { entries, next: rows.length > limit && last ? { occurredAt: last.occurred_at, id: `${last.kind}:${last.id}` } : null };
}
