import type { ActionContext, ActionRequest, Before, CurrentAdmin, ResourceWithOptions } from 'adminjs';
import { Note } from '../../../models/index.js';
import { NOTE_BODY_MAX } from '../../../models/value-sets.js';
import { actorOf } from '../access/actor.js';
import { asAdmin } from '../current-admin.js';
import { ScopedResource } from '../scoped-resource.js';
import { NAV, TIMESTAMPS } from './common.js';

/**
 * Whether this staff member may edit or delete this note: its author may,
 * and so may their organization's admins and managers (the scoped resource
 * has already kept every other organization's notes out of reach). The
 * access policy says who may edit notes at all; this is the record's part,
 * which AdminJS asks for each record (and each record of a bulk delete)
 * before it runs the action, and which also hides the buttons.
 */
export function canChangeNote(currentAdmin: CurrentAdmin | undefined, params: Record<string, unknown> | undefined): boolean {
  const actor = actorOf(currentAdmin);
  if (actor === 'superuser' || actor === 'admin' || actor === 'manager') return true;
  const me = asAdmin(currentAdmin)?.id;
  return actor === 'agent' && me !== undefined && params?.author_id !== null && params?.author_id !== undefined && String(params.author_id) === String(me);
}

const ownOrManaged = ({ currentAdmin, record }: ActionContext) => canChangeNote(currentAdmin, record?.params);

/** The author is whoever writes the note, never a field of the form (keepWritableFields has already dropped any author_id sent). */
const byCurrentStaff: Before = async (request: ActionRequest, context: ActionContext) => {
  if (request.method !== 'post') return request;
  const me = Number(asAdmin(context.currentAdmin)?.id);
  request.payload = { ...(request.payload ?? {}), author_id: Number.isInteger(me) && me > 0 ? me : null };
  return request;
};

/**
 * Notes on leads. The body is plain text: AdminJS's textarea shows it line
 * by line as text nodes, never as HTML, so markup in a note is read, not
 * run. Its organization is the lead's (models/note.model.ts), and the lead
 * must be one the staff member can reach (reference-check.ts).
 */
export function noteResource(): ResourceWithOptions {
  return {
    resource: new ScopedResource(Note, 'organization_id', ['body']),
    options: {
      navigation: NAV.leads,
      sort: { sortBy: 'created_at', direction: 'desc' },
      listProperties: ['body', 'lead_id', 'author_id', 'is_pinned', 'created_at'],
      showProperties: ['body', 'lead_id', 'author_id', 'is_pinned', 'organization_id', 'created_at', 'updated_at'],
      editProperties: ['lead_id', 'body', 'is_pinned'],
      filterProperties: ['search', 'lead_id', 'author_id', 'is_pinned', 'created_at'],
      properties: {
        ...TIMESTAMPS,
        search: { type: 'string', isVisible: { list: false, show: false, edit: false, filter: true } },
        body: { type: 'textarea', isTitle: true, description: `Plain text; line breaks are kept. Up to ${NOTE_BODY_MAX.toLocaleString('en-US')} characters.` },
        created_at: { isVisible: { list: true, show: true, edit: false, filter: true } },
        author_id: { isVisible: { list: true, show: true, edit: false, filter: true } },
        organization_id: { isVisible: { list: false, show: true, edit: false, filter: false } },
        is_pinned: { description: 'Pinned notes are shown first on the lead.' },
      },
      actions: {
        new: { before: byCurrentStaff },
        edit: { isAccessible: ownOrManaged },
        delete: { isAccessible: ownOrManaged },
        bulkDelete: { isAccessible: ownOrManaged },
      },
    },
  };
}
