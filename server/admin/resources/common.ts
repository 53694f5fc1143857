import type { ActionRequest, Before, PropertyOptions } from 'adminjs';
import { isSuperuser } from '../current-admin.js';

/** Admin navigation groups; icons are AdminJS's Feather icon names. */
export const NAV = {
  leads: { name: 'Leads', icon: 'Inbox' },
  catalog: { name: 'Catalog', icon: 'Package' },
  accounts: { name: 'Accounts', icon: 'Users' },
  integrations: { name: 'Integrations', icon: 'Key' },
} as const;

/** A dropdown fed by one of the value sets. */
export function dropdown<V extends string>(values: readonly V[], labels: Record<V, string>): PropertyOptions {
  return { availableValues: values.map((value) => ({ value, label: labels[value] })) };
}

/** Database-maintained timestamps: visible, filterable, never editable. */
export const TIMESTAMPS: Record<string, PropertyOptions> = {
  created_at: { isVisible: { list: false, show: true, edit: false, filter: true } },
  updated_at: { isVisible: { list: false, show: true, edit: false, filter: false } },
};

/** The slug field: optional in forms because a blank one is made from the name (see slugFromName). */
export const SLUG: PropertyOptions = { isRequired: false, description: 'Left blank, it is made from the name.' };

export function slugify(text: string): string {
  return text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
    .replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 255);
}

/** Fills a blank slug from the name on create and edit, before validation. */
export const slugFromName: Before = async (request: ActionRequest) => {
  if (request.method !== 'post' || !request.payload) return request;
  const { name, slug } = request.payload as { name?: string; slug?: string };
  if ((slug === undefined || String(slug).trim() === '') && name) {
    request.payload = { ...request.payload, slug: slugify(String(name)) };
  }
  return request;
};

/** Write actions only a superuser may run (shared catalogue tables, organizations). */
export const SUPERUSER_ONLY = ({ currentAdmin }: { currentAdmin?: Parameters<typeof isSuperuser>[0] }) => isSuperuser(currentAdmin);

/**
 * Actions of a table only superusers may change (the shared catalogue,
 * organizations): staff may list and show, nothing else. Slugs left blank
 * are made from the name.
 */
export function superuserOnlyWrites(): Record<string, { isAccessible: typeof SUPERUSER_ONLY; before?: Before }> {
  return {
    new: { isAccessible: SUPERUSER_ONLY, before: slugFromName },
    edit: { isAccessible: SUPERUSER_ONLY, before: slugFromName },
    delete: { isAccessible: SUPERUSER_ONLY },
    bulkDelete: { isAccessible: SUPERUSER_ONLY },
  };
}

const NOBODY = () => false;

/**
 * Tables that are records of what happened (intake submissions, consents,
 * which are legal proof): nobody, superusers included, creates, edits or
 * deletes them through the admin. The buttons are hidden and direct API
 * calls refused.
 */
export const READ_ONLY_ACTIONS = {
  new: { isAccessible: NOBODY, isVisible: false },
  edit: { isAccessible: NOBODY, isVisible: false },
  delete: { isAccessible: NOBODY, isVisible: false },
  bulkDelete: { isAccessible: NOBODY, isVisible: false },
};
