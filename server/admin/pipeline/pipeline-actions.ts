import { NotFoundError, ValidationError, type Action, type ActionContext, type ActionRequest, type BulkActionResponse, type RecordActionResponse } from 'adminjs';
import { LEAD_PRIORITY_LABELS, LEAD_STATUS_LABELS } from '../../../models/value-sets.js';
import type { ComponentIds } from '../component-loader.js';
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

/** Applies a validated bulk change; returns the rows changed, or throws a field error. */
async function applyBulk(field: BulkField, value: unknown, ids: string[]): Promise<number> {
  if (field === 'status' && isLeadStatus(value)) return moveLeads(byIds(ids), value);
  if (field === 'priority' && isLeadPriority(value)) return setPriority(byIds(ids), value);
  throw new ValidationError({ [field]: { message: `Choose a ${field} from the list.`, type: 'invalid' } });
}

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
      const changed = await applyBulk(field, value, records.map((r) => String(r.id())));
      return {
        records: records.map((r) => r.toJSON(currentAdmin)),
        notice: { message: `${changed === 1 ? '1 lead' : `${changed} leads`} set to ${FIELD_LABELS[field][String(value)]}.`, type: 'success' },
        redirectUrl: h.resourceUrl({ resourceId: resource.id() }),
      };
    },
  });
  return { changeStatus: bulk('status'), changePriority: bulk('priority') };
}
