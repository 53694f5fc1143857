import type { ActionContext, ActionRequest, BaseRecord, Before, CurrentAdmin, Filter, ResourceWithOptions } from 'adminjs';
import type { WhereOptions } from 'sequelize';
import { Note } from '../../../models/index.js';
import { NOTE_BODY_MAX } from '../../../models/value-sets.js';
import { actorOf } from '../access/actor.js';
import { asAdmin } from '../current-admin.js';
import { ScopedResource } from '../scoped-resource.js';
import { SEARCH_FILTER } from '../search-filter.js';
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

/** A note's title: its first line, cut at a word near 80 characters, so a long note does not fill a heading or a row. */
export const NOTE_TITLE = 'title';
const TITLE_LENGTH = 80;

export function noteTitle(body: unknown): string {
  const first = String(body ?? '').split('\n').find((line) => line.trim() !== '')?.trim() ?? '';
  if (first.length <= TITLE_LENGTH) return first;
  const cut = first.slice(0, TITLE_LENGTH);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), TITLE_LENGTH / 2)).trimEnd()}…`;
}

function withTitle(record: BaseRecord): BaseRecord {
  record.params[NOTE_TITLE] = noteTitle(record.params.body);
  return record;
}

/** Notes through the scoped resource, each titled by its first line (not a column: a search on it is the notes' own search). */
class NoteResource extends ScopedResource {
  constructor() {
    super(Note, 'organization_id', ['body']);
  }

  override conditionsFor(filter: Filter | null, currentAdmin: CurrentAdmin | undefined): WhereOptions {
    const byTitle = filter?.filters[NOTE_TITLE];
    if (filter && byTitle) {
      delete filter.filters[NOTE_TITLE];
      filter.filters[SEARCH_FILTER] ??= { ...byTitle, path: SEARCH_FILTER };
    }
    return super.conditionsFor(filter, currentAdmin);
  }

  override assertSortable(sortBy: string): void {
    if (sortBy === NOTE_TITLE) super.assertSortable('body'); // refused in the list's words: the title is made, not stored
    else super.assertSortable(sortBy);
  }

  override async find(filter: Filter, options: Parameters<ScopedResource['find']>[1], context?: ActionContext): Promise<BaseRecord[]> {
    return (await super.find(filter, options, context)).map(withTitle);
  }

  override async findOne(id: string | number, context?: ActionContext): Promise<BaseRecord | null> {
    const record = await super.findOne(id, context);
    return record && withTitle(record);
  }

  override async findMany(ids: (string | number)[], context?: ActionContext): Promise<BaseRecord[]> {
    return (await super.findMany(ids, context)).map(withTitle);
  }
}

/**
 * Notes on leads. The body is plain text: AdminJS's textarea shows it line
 * by line as text nodes, never as HTML, so markup in a note is read, not
 * run. Its organization is the lead's (models/note.model.ts), and the lead
 * must be one the staff member can reach (reference-check.ts).
 */
export function noteResource(): ResourceWithOptions {
  return {
    resource: new NoteResource(),
    options: {
      titleProperty: NOTE_TITLE,
      navigation: NAV.leads,
      sort: { sortBy: 'created_at', direction: 'desc' },
      listProperties: [NOTE_TITLE, 'lead_id', 'author_id', 'is_pinned', 'created_at'],
      showProperties: ['body', 'lead_id', 'author_id', 'is_pinned', 'organization_id', 'created_at', 'updated_at'],
      editProperties: ['lead_id', 'body', 'is_pinned'],
      filterProperties: ['search', 'lead_id', 'author_id', 'is_pinned', 'created_at'],
      properties: {
        ...TIMESTAMPS,
        search: { type: 'string', isVisible: { list: false, show: false, edit: false, filter: true } },
        [NOTE_TITLE]: { type: 'string', isSortable: false, isVisible: { list: true, show: false, edit: false, filter: false } },
        body: { type: 'textarea', description: `Plain text; line breaks are kept. Up to ${NOTE_BODY_MAX.toLocaleString('en-US')} characters.` },
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
