/**
 * What staff call each admin table: the plural heads its list and sidebar
 * entry, the singular names one of them ("Edit lead", "Lead saved.").
 * Keyed by AdminJS resource id (the table name).
 */
export const RESOURCE_NOUNS = {
  leads: { plural: 'Leads', singular: 'lead' },
  campaigns: { plural: 'Campaigns', singular: 'campaign' },
  lead_sources: { plural: 'Lead sources', singular: 'lead source' },
  insurance_products: { plural: 'Insurance products', singular: 'insurance product' },
  organizations: { plural: 'Organizations', singular: 'organization' },
  users: { plural: 'Users', singular: 'user' },
  site_keys: { plural: 'Site keys', singular: 'site key' },
  api_keys: { plural: 'API keys', singular: 'API key' },
  lead_submissions: { plural: 'Submissions', singular: 'submission' },
  consents: { plural: 'Consents', singular: 'consent' },
  activities: { plural: 'Activities', singular: 'activity' },
  notes: { plural: 'Notes', singular: 'note' },
  tags: { plural: 'Tags', singular: 'tag' },
  documents: { plural: 'Documents', singular: 'document' },
} as const satisfies Record<string, { plural: string; singular: string }>;

export type ResourceId = keyof typeof RESOURCE_NOUNS;

/** "lead" → "Lead", "API key" stays "API key". */
const capital = (words: string) => words.charAt(0).toUpperCase() + words.slice(1);
/** "Lead sources" → "lead sources", "API keys" stays "API keys". */
const lower = (words: string) => (/^[A-Z]{2}/.test(words) ? words : words.charAt(0).toLowerCase() + words.slice(1));

/** Labels of the resources' own actions, where AdminJS would say "Create new", "Show" or "exportCsv". */
const OWN_ACTIONS: Partial<Record<ResourceId, Record<string, string>>> = {
  leads: { exportCsv: 'Export leads to CSV', uploadDocument: 'Upload document' },
};

/**
 * One resource's words in AdminJS's `resources.<id>` shape, which its
 * translate functions look in before the shared ones. AdminJS fills
 * `{{count}}` itself; `{{id}}` is filled by our ActionHeader.
 */
function wordsFor(id: ResourceId) {
  const { plural, singular } = RESOURCE_NOUNS[id];
  const many = lower(plural);
  const One = capital(singular);
  return {
    actions: {
      list: plural, new: `New ${singular}`, edit: `Edit ${singular}`, show: `Open ${singular}`,
      delete: `Delete ${singular}`, bulkDelete: 'Delete', ...OWN_ACTIONS[id],
    },
    buttons: {
      createFirstRecord: `Add the first ${singular}`,
      confirmRemovalMany: `Delete 1 ${singular}`,
      confirmRemovalMany_plural: `Delete {{count}} ${many}`,
    },
    messages: {
      successfullyCreated: `${One} added.`,
      successfullyUpdated: `${One} saved.`,
      successfullyDeleted: `${One} deleted.`,
      successfullyBulkDeleted: `1 ${singular} deleted.`,
      successfullyBulkDeleted_plural: `{{count}} ${many} deleted.`,
      bulkDeleteTitle: `Delete 1 ${singular}?`,
      bulkDeleteTitle_plural: `Delete {{count}} ${many}?`,
      theseRecordsWillBeRemoved: `This ${singular} will be deleted for good:`,
      theseRecordsWillBeRemoved_plural: `These {{count}} ${many} will be deleted for good:`,
      pickSomeFirstToRemove: `Tick the ${many} to delete first.`,
      noRecordsSelected: `No ${many} are selected: tick some in the list first.`,
      bulkDeleteError: `The ${many} could not be deleted. Try again, or reload the page.`,
      errorFetchingRecords: `The ${many} could not be loaded. Reload the page to try again.`,
      errorFetchingRecord: `This ${singular} could not be loaded. Reload the page to try again.`,
      error404Record: `This ${singular} does not exist or belongs to another organization.`,
      confirmDelete: `Delete this ${singular} for good? This cannot be undone.`,
      noRecords: `No ${many} yet`,
      noRecordsInResource: `When one is added, it appears here.`,
      noRecordsMatch: `No ${many} match these filters.`,
      noRecordsMatchHint: 'Change the filters, or reset them to see everything.',
      recordTitle: `${One} #{{id}}`,
    },
  };
}

/** The message keys every resource has words of its own for. */
export const RESOURCE_MESSAGE_KEYS: ReadonlySet<string> = new Set(Object.keys(wordsFor('leads').messages));

/** Every resource's words, for ADMIN_TRANSLATIONS.resources. */
export function resourceWords(): Record<ResourceId, ReturnType<typeof wordsFor>> {
  return Object.fromEntries(Object.keys(RESOURCE_NOUNS).map((id) => [id, wordsFor(id as ResourceId)])) as Record<ResourceId, ReturnType<typeof wordsFor>>;
}

/** The sidebar's and the lists' names of the resources, for ADMIN_TRANSLATIONS.labels. */
export function resourceLabels(): Record<ResourceId, string> {
  return Object.fromEntries(Object.entries(RESOURCE_NOUNS).map(([id, { plural }]) => [id, plural])) as Record<ResourceId, string>;
}
