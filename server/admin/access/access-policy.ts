import { PIPELINE_ACTIONS } from '../pipeline/lead-pipeline.js';
import type { Actor } from './actor.js';

/**
 * Who may do what in the back office: the one table every action, list,
 * reference picker, page and route asks (see apply-access.ts and can()).
 * An action a resource defines that is missing here is refused to everyone,
 * so a new action is closed until someone decides who may run it.
 */
type Grant = readonly Actor[];

const ALL: Grant = ['superuser', 'admin', 'manager', 'agent'];
const SUPER: Grant = ['superuser'];
const ADMINS: Grant = ['superuser', 'admin'];
const MANAGERS: Grant = ['superuser', 'admin', 'manager'];
const NOBODY: Grant = [];

interface ResourcePolicy {
  /** list, show and search (the reference pickers). */
  read: Grant;
  /** AdminJS's `new`. */
  create: Grant;
  edit: Grant;
  /** `delete` and `bulkDelete`. */
  delete: Grant;
  /** The resource's own actions (pipeline steps, revoke, bulk changes, export…), by name. */
  custom?: Record<string, Grant>;
  /**
   * Fields a form may set, per actor: everything else a request carries is
   * dropped before the record is built, whatever its spelling (see
   * writable-fields.ts). Server-made values (keys, hashes, creators) are
   * added after this, by the actions themselves.
   */
  writable: Partial<Record<Actor, readonly string[]>>;
}

const LEAD_FIELDS = ['first_name', 'last_name', 'email', 'phone', 'date_of_birth', 'address', 'city', 'state', 'zip_code', 'country',
  'insurance_product_id', 'lead_source_id', 'campaign_id', 'status', 'priority', 'score', 'estimated_value', 'notes', 'next_follow_up_date'];
// No is_active: it follows the status (models/campaign.model.ts).
const CAMPAIGN_FIELDS = ['name', 'slug', 'description', 'campaign_type', 'status', 'budget', 'start_date', 'end_date'];
const SITE_KEY_FIELDS = ['name', 'is_active', 'allowed_origins', 'product_types', 'default_lead_source_id', 'default_campaign_id',
  'consent_text', 'consent_text_es', 'consent_version', 'theme'];
const USER_FIELDS = ['email', 'first_name', 'last_name', 'phone', 'is_active', 'role'];
const ORGANIZATION_CONTACT_FIELDS = ['name', 'description', 'website', 'phone', 'email', 'timezone'];
// No user_id (the author is whoever logs it) or organization_id (the lead's); the form's type is logged_type (activity-adapter.ts).
const ACTIVITY_FIELDS = ['lead_id', 'logged_type', 'direction', 'outcome', 'occurred_at', 'duration_seconds', 'summary', 'details'];
const PIPELINE = PIPELINE_ACTIONS.map((step) => step.name);
// No author_id or organization_id: the author is who writes it, the organization its lead's (note.resource.ts).
const NOTE_FIELDS = ['lead_id', 'body', 'is_pinned'];
const TAG_FIELDS = ['name', 'slug', 'colour'];

/** Superusers write the organization a record belongs to; staff's records are always their own organization's. */
const withOrganization = (fields: readonly string[]) => [...fields, 'organization_id'];
const same = (grant: Grant, fields: readonly string[]) => Object.fromEntries(grant.map((actor) => [actor, fields]));

export const ACCESS_POLICY: Record<string, ResourcePolicy> = {
  leads: {
    read: ALL, create: ALL, edit: ALL, delete: MANAGERS,
    custom: { ...Object.fromEntries(PIPELINE.map((name) => [name, ALL])), changeStatus: MANAGERS, changePriority: MANAGERS,
      addTag: ALL, removeTag: ALL,
      changeStatusMatching: MANAGERS, changePriorityMatching: MANAGERS, exportCsv: MANAGERS, timeline: ALL, uploadDocument: ALL },
    writable: { ...same(ALL, LEAD_FIELDS), superuser: withOrganization(LEAD_FIELDS) },
  },
  campaigns: {
    read: ALL, create: MANAGERS, edit: MANAGERS, delete: ADMINS,
    writable: { ...same(MANAGERS, CAMPAIGN_FIELDS), superuser: withOrganization(CAMPAIGN_FIELDS) },
  },
  organizations: {
    read: ALL, create: SUPER, edit: ADMINS, delete: SUPER,
    writable: { superuser: [...ORGANIZATION_CONTACT_FIELDS, 'slug', 'is_active'], admin: ORGANIZATION_CONTACT_FIELDS },
  },
  users: {
    read: MANAGERS, create: ADMINS, edit: ADMINS, delete: SUPER,
    custom: { resetPassword: ADMINS },
    writable: { admin: USER_FIELDS, superuser: [...withOrganization(USER_FIELDS), 'is_superuser'] },
  },
  site_keys: {
    read: MANAGERS, create: ADMINS, edit: ADMINS, delete: SUPER,
    writable: { admin: SITE_KEY_FIELDS, superuser: withOrganization(SITE_KEY_FIELDS) },
  },
  api_keys: {
    read: MANAGERS, create: ADMINS, edit: ADMINS, delete: NOBODY,
    custom: { revoke: ADMINS },
    writable: { admin: ['name'], superuser: withOrganization(['name']) },
  },
  insurance_products: {
    read: ALL, create: SUPER, edit: SUPER, delete: SUPER,
    writable: { superuser: ['name', 'slug', 'description', 'product_type', 'coverage_amount', 'premium_range_min', 'premium_range_max', 'is_active'] },
  },
  lead_sources: {
    read: ALL, create: SUPER, edit: SUPER, delete: SUPER,
    writable: { superuser: ['name', 'slug', 'description', 'source_type', 'is_active'] },
  },
  lead_submissions: { read: ALL, create: NOBODY, edit: NOBODY, delete: NOBODY, writable: {} },
  consents: { read: ALL, create: NOBODY, edit: NOBODY, delete: NOBODY, writable: {} },
  // Everyone logs what they did; a record of what happened is changed or removed by admins only.
  activities: { read: ALL, create: ALL, edit: ADMINS, delete: ADMINS, writable: same(ALL, ACTIVITY_FIELDS) },
  // Edit and delete narrow to the note's author, or an admin or manager, record by record (canChangeNote in note.resource.ts).
  notes: { read: ALL, create: ALL, edit: ALL, delete: ALL, writable: same(ALL, NOTE_FIELDS) },
  tags: {
    read: ALL, create: MANAGERS, edit: MANAGERS, delete: MANAGERS,
    writable: { ...same(MANAGERS, TAG_FIELDS), superuser: withOrganization(TAG_FIELDS) },
  },
  // Rows come only from the upload route (leads' uploadDocument). Every role may delete, but an agent only
  // their own uploads: the record-level rule is mayDeleteDocument() in resources/document.resource.ts.
  documents: { read: ALL, create: NOBODY, edit: NOBODY, delete: ALL, writable: {} },
};

/** Pages and routes outside the resources: every signed-in staff member sees their own organization's. */
const PAGE_POLICY: Record<string, Grant> = { dashboard: ALL, board: ALL, account: ALL };

const BUILT_IN: Record<string, keyof Pick<ResourcePolicy, 'read' | 'create' | 'edit' | 'delete'>> = {
  list: 'read', show: 'read', search: 'read', new: 'create', edit: 'edit', delete: 'delete', bulkDelete: 'delete',
};

/** Whether `actor` may run `action` on `resourceId`; anything not in the policy is refused. */
export function can(actor: Actor | undefined, resourceId: string, action: string): boolean {
  if (!actor) return false;
  const policy = ACCESS_POLICY[resourceId];
  if (!policy) return false;
  const grant = Object.hasOwn(BUILT_IN, action) ? policy[BUILT_IN[action]!] : policy.custom?.[action];
  return grant?.includes(actor) ?? false;
}

export function canOpenPage(actor: Actor | undefined, page: string): boolean {
  return actor !== undefined && (PAGE_POLICY[page]?.includes(actor) ?? false);
}

/** The fields `actor` may set on `resourceId` through a form. */
export function writableFields(actor: Actor | undefined, resourceId: string): readonly string[] {
  return (actor && ACCESS_POLICY[resourceId]?.writable[actor]) || [];
}
