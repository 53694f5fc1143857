import type { Action, ActionContext, ActionRequest, RecordActionResponse } from 'adminjs';
import { Lead } from '../../../models/index.js';
import { ACTIVITY_TYPES, type ActivityType } from '../../../models/value-sets.js';
import { OrganizationScope } from '../access/organization-scope.js';
import { AppError } from '../../errors.js';
import { TIMELINE_ACTION } from '../components/lead-page-actions.js';
import { activityTimeline, parseCursorId, type TimelineCursor } from './activity-timeline.js';

/** The page's cursor (`before_at`, `before_id`, as the previous page gave them), or none for the first page. */
function cursor(query: Record<string, unknown>): TimelineCursor | undefined {
  const at = query.before_at;
  const id = query.before_id;
  if (at === undefined && id === undefined) return undefined;
  const when = typeof at === 'string' ? new Date(at) : null;
  if (!when || Number.isNaN(when.getTime()) || typeof id !== 'string' || !parseCursorId(id)) {
    throw new AppError('invalid_cursor', 422, 'This timeline page does not exist.', [{ field: 'before_at', code: 'invalid', message: 'Send before_at and before_id as the previous page gave them.' }]);
  }
  return { occurredAt: when, id };
}

function types(query: Record<string, unknown>): ActivityType[] | undefined {
  const raw = query.types;
  if (raw === undefined || raw === '') return undefined;
  const asked = String(raw).split(',');
  const unknown = asked.filter((t) => !(ACTIVITY_TYPES as readonly string[]).includes(t));
  if (unknown.length || Array.isArray(raw)) {
    throw new AppError('invalid_filter', 422, 'The timeline cannot show these types.', [{ field: 'types', code: 'invalid', message: `Use some of: ${ACTIVITY_TYPES.join(', ')}.` }]);
  }
  return asked as ActivityType[];
}

/**
 * A record action (GET, no screen of its own) that the lead page calls for
 * each page of the timeline. AdminJS has already found the lead through the
 * scoped resource, so a lead of another organization never gets here; the
 * query is confined again, as every admin read is.
 */
export function leadTimelineAction(): Record<string, Partial<Action<RecordActionResponse>>> {
  return {
    [TIMELINE_ACTION]: {
      actionType: 'record', isVisible: false, component: false,
      handler: async (request: ActionRequest, _response: unknown, context: ActionContext) => {
        const { record, currentAdmin } = context;
        const query = (request.query ?? {}) as Record<string, unknown>;
        const page = await activityTimeline(Lead.sequelize!, OrganizationScope.of(currentAdmin), Number(record!.id()), { before: cursor(query), types: types(query) });
        return { record: record!.toJSON(currentAdmin), timeline: page } as RecordActionResponse;
      },
    },
  };
}
