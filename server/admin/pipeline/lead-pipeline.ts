import { Op, type Transaction, type WhereOptions } from 'sequelize';
import { Lead } from '../../../models/index.js';
import { LEAD_PRIORITIES, LEAD_STATUSES, type LeadPriority, type LeadStatus } from '../../../models/value-sets.js';

/**
 * Moving a lead into one of these statuses means someone just spoke to the
 * person: the database then records last_contact_date, whatever made the
 * change (migrations/functions/lead-contact-date.v1.sql.ts; a test keeps both lists equal).
 */
export const CONTACT_STATUSES: ReadonlySet<LeadStatus> = new Set(['contacted', 'qualified', 'nurturing', 'converted']);

export function isLeadStatus(value: unknown): value is LeadStatus {
  return typeof value === 'string' && (LEAD_STATUSES as readonly string[]).includes(value);
}

export function isLeadPriority(value: unknown): value is LeadPriority {
  return typeof value === 'string' && (LEAD_PRIORITIES as readonly string[]).includes(value);
}

/**
 * Applies a status change to leads matching `where` (which must already carry
 * the caller's organization confinement). Returns how many rows changed.
 * The single path for pipeline actions, bulk changes and the board.
 */
export async function moveLeads(where: WhereOptions, status: LeadStatus, transaction?: Transaction): Promise<number> {
  const [count] = await Lead.update({ status }, { where, transaction });
  return count;
}

export async function setPriority(where: WhereOptions, priority: LeadPriority, transaction?: Transaction): Promise<number> {
  const [count] = await Lead.update({ priority }, { where, transaction });
  return count;
}

export function byIds(ids: readonly (string | number)[]): WhereOptions {
  return { id: { [Op.in]: ids.map(Number).filter(Number.isInteger) } };
}

/** The record actions staff run on a lead, in pipeline order. */
export const PIPELINE_ACTIONS: readonly { name: string; label: string; status: LeadStatus; icon: string; confirm?: string }[] = [
  { name: 'markContacted', label: 'Mark contacted', status: 'contacted', icon: 'Phone' },
  { name: 'qualify', label: 'Qualify', status: 'qualified', icon: 'CheckCircle' },
  { name: 'nurture', label: 'Nurture', status: 'nurturing', icon: 'Clock' },
  { name: 'convert', label: 'Convert', status: 'converted', icon: 'Award' },
  { name: 'markLost', label: 'Mark lost', status: 'lost', icon: 'XCircle', confirm: 'Mark this lead as lost?' },
  { name: 'archive', label: 'Archive', status: 'archived', icon: 'Archive', confirm: 'Archive this lead? It leaves the active pipeline.' },
];
