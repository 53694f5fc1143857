import type { ActionRequest, Before, PropertyOptions } from 'adminjs';

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

function slugify(text: string): string {
  return text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
    .replace(/[^a-z0-9]+/g, '-').slice(0, 255).replace(/^-+|-+$/g, '');
}

/**
 * Fills a blank slug from the name on create and edit, before validation. A
 * typed slug is only trimmed: one in capitals or with spaces inside is left
 * for the model to refuse (SLUG in models/validators.ts), not rewritten.
 */
const slugFromName: Before = async (request: ActionRequest) => {
  if (request.method !== 'post' || !request.payload) return request;
  const { name, slug } = request.payload as { name?: unknown; slug?: unknown };
  // An edit that leaves the slug out (a form that may not change it) keeps the saved one.
  // A cleared slug arrives as null (cleared-fields.ts).
  const blank = slug === undefined ? request.params.action === 'new' : slug === null || (typeof slug === 'string' && slug.trim() === '');
  if (blank && typeof name === 'string' && name.trim() !== '') {
    request.payload = { ...request.payload, slug: slugify(name) };
  } else if (typeof slug === 'string' && slug !== slug.trim()) {
    request.payload = { ...request.payload, slug: slug.trim() };
  }
  return request;
};

/** Slugs left blank are made from the name, on create and edit (who may do either is the access policy's business). */
export const SLUGGED_ACTIONS = { new: { before: slugFromName }, edit: { before: slugFromName } };
