import { QueryTypes, type Sequelize } from 'sequelize';
import type { ActivityType } from '../../../models/value-sets.js';
import type { OrganizationScope } from '../access/organization-scope.js';

/** Where the next page starts: the last entry shown (entries at one instant are told apart by id). */
export interface TimelineCursor { occurredAt: Date; id: string }

export interface TimelineEntry {
  id: string;
  type: ActivityType;
  direction: string | null;
  outcome: string | null;
  summary: string | null;
  details: string | null;
  occurred_at: Date;
  duration_seconds: number | null;
  metadata: Record<string, unknown>;
  user_id: number | null;
  /** The author's name as staff read it, or null (the database's own entries, a deleted user). */
  user_name: string | null;
}

export const TIMELINE_PAGE = 50;

/**
 * One page of a lead's activities, newest first, for the lead page's
 * timeline. Keyset pagination on (occurred_at, id) walks
 * ix_activities_lead_id_occurred_at from the cursor, so page 100 of a lead
 * with 5,000 entries costs what page 1 does (an OFFSET would read every row
 * before it). Confined to the staff member's organization like every admin
 * read; a lead out of reach has an empty timeline. `types` filters by type.
 */
export async function activityTimeline(
  sequelize: Sequelize, scope: OrganizationScope, leadId: number,
  { before, limit = TIMELINE_PAGE, types }: { before?: TimelineCursor; limit?: number; types?: readonly ActivityType[] } = {},
): Promise<{ entries: TimelineEntry[]; next: TimelineCursor | null }> {
  const bind: Record<string, unknown> = { ...scope.bind, lead: leadId, limit: limit + 1 };
  const conditions = ['a.lead_id = $lead', scope.sql('a.organization_id')];
  if (before) {
    conditions.push('(a.occurred_at, a.id) < ($at, $id)');
    Object.assign(bind, { at: before.occurredAt, id: before.id });
  }
  if (types?.length) {
    conditions.push('a.type = ANY($types)');
    bind.types = types;
  }
  const rows = await sequelize.query<TimelineEntry>(`
    SELECT a.id::text AS id, a.type, a.direction, a.outcome, a.summary, a.details, a.occurred_at, a.duration_seconds, a.metadata, a.user_id,
           nullif(trim(concat_ws(' ', u.first_name, u.last_name)), '') AS user_name
      FROM activities a LEFT JOIN users u ON u.id = a.user_id
     WHERE ${conditions.join(' AND ')}
     ORDER BY a.occurred_at DESC, a.id DESC
     LIMIT $limit`, { bind, type: QueryTypes.SELECT });
  const entries = rows.slice(0, limit);
  const last = entries.at(-1);
  return { entries, next: rows.length > limit && last ? { occurredAt: last.occurred_at, id: last.id } : null };
}
