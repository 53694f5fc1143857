import {
  Filter, NotFoundError, ValidationError, flat, type Action, type ActionContext, type ActionRequest, type ActionResponse, type BulkActionResponse,
  type RecordActionResponse,
} from 'adminjs';
import type { Transaction, WhereOptions } from 'sequelize';
import { Lead } from '../../../models/index.js';
import { LEAD_PRIORITY_LABELS, LEAD_STATUS_LABELS } from '../../../models/value-sets.js';
import type { ComponentIds } from '../component-loader.js';
import { countOf } from '../components/list/list-query.js';
import { EXACT_COUNT_LIMIT } from '../list-total.js';
import { ScopedResource } from '../scoped-resource.js';
import { setActor, withActor } from '../../db/actor.js';
import { asAdmin } from '../current-admin.js';
import { PIPELINE_ACTIONS, byIds, isLeadPriority, isLeadStatus, moveLeads, setPriority } from './lead-pipeline.js';

/** The label of the dropdown that groups the pipeline actions (AdminJS shows a parent's name as is). */
const PIPELINE_MENU = 'Move in pipeline';

function leadName(params: Record<string, unknown>): string {
  return `${String(params.first_name ?? '')} ${String(params.last_name ?? '')}`.trim() || `Lead #${String(params.id)}`;
}

/**
 * One record action per pipeline step (Mark contacted, Qualify, ...). AdminJS
 * calls button-only actions with GET; cross-site GETs are refused before they
 * get here (see cross-site-guard.ts), and the update goes through the scoped
 * resource, so a lead of another organization cannot be moved.
 */
export function pipelineRecordActions(): Record<string, Partial<Action<RecordActionResponse>>> {
  return Object.fromEntries(PIPELINE_ACTIONS.map((step) => [step.name, {
    actionType: 'record',
    component: false,
    icon: step.icon,
    guard: step.confirm,
    // One "Move in pipeline" menu on the lead page instead of six buttons that overflow it.
    parent: PIPELINE_MENU,
    isVisible: ({ record }: ActionContext) => record?.params?.status !== step.status,
    handler: async (_request: ActionRequest, _response: unknown, context: ActionContext): Promise<RecordActionResponse> => {
      const { record, currentAdmin, h, resource } = context;
      if (!record) throw new NotFoundError('recordNotAccessible', step.name);
      await record.update({ status: step.status }, context);
      return {
        record: record.toJSON(currentAdmin),
        notice: { message: `${leadName(record.params)} is now ${LEAD_STATUS_LABELS[step.status]}.`, type: 'success' },
        redirectUrl: h.recordActionUrl({ resourceId: resource.id(), recordId: record.id(), actionName: 'show' }),
      };
    },
  }]));
}

type BulkField = 'status' | 'priority';
const FIELD_LABELS: Record<BulkField, Record<string, string>> = { status: LEAD_STATUS_LABELS, priority: LEAD_PRIORITY_LABELS };

/** Applies a validated bulk change to the leads `where` matches; returns the rows changed, or throws a field error. */
async function applyBulk(field: BulkField, value: unknown, where: WhereOptions, transaction?: Transaction): Promise<number> {
  if (field === 'status' && isLeadStatus(value)) return moveLeads(where, value, transaction);
  if (field === 'priority' && isLeadPriority(value)) return setPriority(where, value, transaction);
  throw new ValidationError({ [field]: { message: `Choose a ${field} from the list.`, type: 'invalid' } });
}

const leadsCount = (n: number) => countOf(n, 'lead', 'leads');

/**
 * "Change status" and "Change priority" for the selected leads: GET shows the
 * picker, POST applies it. AdminJS has already loaded the selection through
 * the scoped resource, which refuses the whole selection if any lead is out
 * of reach, so one UPDATE over those ids is safe.
 */
export function bulkChangeActions(components: ComponentIds): Record<string, Partial<Action<BulkActionResponse>>> {
  const bulk = (field: BulkField): Partial<Action<BulkActionResponse>> => ({
    actionType: 'bulk',
    icon: field === 'status' ? 'GitPullRequest' : 'Flag',
    component: components.BulkChange,
    showInDrawer: true,
    custom: { field, options: Object.entries(FIELD_LABELS[field]).map(([value, label]) => ({ value, label })) },
    handler: async (request, _response, context) => {
      const { records = [], currentAdmin, h, resource } = context;
      if (request.method !== 'post') return { records: records.map((r) => r.toJSON(currentAdmin)) };
      const value = (request.payload as Record<string, unknown> | undefined)?.[field];
      // In a transaction that names who did it: each lead's status-change activity records them.
      const changed = await withActor(Lead.sequelize!, asAdmin(currentAdmin)?.id,
        (transaction) => applyBulk(field, value, byIds(records.map((r) => String(r.id()))), transaction));
      return {
        records: records.map((r) => r.toJSON(currentAdmin)),
        notice: { message: `${leadsCount(changed)} set to ${FIELD_LABELS[field][String(value)]}.`, type: 'success' },
        redirectUrl: h.resourceUrl({ resourceId: resource.id() }),
      };
    },
  });
  return { changeStatus: bulk('status'), changePriority: bulk('priority') };
}

/** The most leads one "all matching" change may touch: the list counts exactly up to here, so the count staff confirm is exact. */
export const MATCHING_LIMIT = EXACT_COUNT_LIMIT;

/** The list's filter from the request's query (`filters.status=new`, `filters.search=…`), as AdminJS's list reads it. */
function listFilter(request: ActionRequest, resource: ScopedResource): Filter {
  const { filters } = flat.unflatten<unknown, { filters?: unknown }>(request.query ?? {});
  return new Filter(typeof filters === 'object' && filters ? filters as Record<string, unknown> : {}, resource);
}

/**
 * "Change status" / "Change priority" for every lead matching the list's
 * filter, as mail clients offer "select all N conversations". GET counts the
 * matching leads; POST applies the change only if the count is still the one
 * staff confirmed (`expected`), inside one transaction, so a filter that now
 * matches other leads changes nothing. Reached from the list's selection bar
 * (hidden from the header's buttons); who may run it is the same as the bulk
 * change's (access-policy.ts), and the filter goes through the scoped
 * resource's conditions, so it never reaches another organization's leads.
 */
export function matchingChangeActions(): Record<string, Partial<Action<ActionResponse>>> {
  const matching = (field: BulkField): Partial<Action<ActionResponse>> => ({
    actionType: 'resource',
    component: false,
    isVisible: false,
    custom: { field },
    handler: async (request, _response, context) => {
      const resource = context.resource;
      if (!(resource instanceof ScopedResource)) throw new Error('Changes to all matching leads need the scoped leads resource.');
      const where = resource.conditionsFor(listFilter(request, resource), context.currentAdmin);
      const sequelize = Lead.sequelize!;
      return sequelize.transaction(async (transaction) => {
        const matched = await Lead.count({ where, transaction });
        if (request.method !== 'post') return { matching: matched, limit: MATCHING_LIMIT };
        const payload = (request.payload ?? {}) as Record<string, unknown>;
        const expected = Number(payload.expected);
        if (matched > MATCHING_LIMIT) {
          throw new ValidationError({}, { message: `This filter matches ${leadsCount(matched)}: change at most ${leadsCount(MATCHING_LIMIT)} at once. Narrow the filter and try again.` });
        }
        if (!Number.isInteger(expected) || expected !== matched) {
          throw new ValidationError({ expected: { message: `The filter now matches ${leadsCount(matched)}.`, type: 'changed' } }, {
            message: `The filter now matches ${leadsCount(matched)}, not ${Number.isInteger(expected) ? leadsCount(expected) : 'the number you confirmed'}: nothing was changed. Check the count and apply again.`,
          });
        }
        await setActor(sequelize, transaction, asAdmin(context.currentAdmin)?.id);
        const changed = await applyBulk(field, payload[field], where, transaction);
        return { matching: matched, changed, notice: { message: `${leadsCount(changed)} set to ${FIELD_LABELS[field][String(payload[field])]}.`, type: 'success' } };
      });
    },
  });
  return { changeStatusMatching: matching('status'), changePriorityMatching: matching('priority') };
}
