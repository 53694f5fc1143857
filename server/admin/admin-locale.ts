import type { LocaleTranslations } from 'adminjs';
import type { RequestHandler } from 'express';
import { PIPELINE_ACTIONS } from './pipeline/lead-pipeline.js';
import { RESOURCE_MESSAGE_KEYS, resourceLabels, resourceWords, type ResourceId } from './resource-words.js';

export const RECORD_NOT_ACCESSIBLE = 'This item does not exist or belongs to another organization.';

/** Labels shared by every table that has the column; a table's own wording (below) wins. */
const SHARED_PROPERTIES = {
  id: 'ID', name: 'Name', email: 'Email', phone: 'Phone', slug: 'Short name', description: 'Description', status: 'Status',
  first_name: 'First name', last_name: 'Last name', website: 'Website', notes: 'Notes',
  organization_id: 'Organization', insurance_product_id: 'Product', lead_source_id: 'Source', campaign_id: 'Campaign',
  created_at: 'Created', updated_at: 'Updated', is_active: 'Active', is_superuser: 'Superuser', role: 'Role',
  ip_address: 'IP address', user_agent: 'Browser', consent_text: 'Consent text', consent_version: 'Consent version', last_used_at: 'Last used',
};

/** Each table's own column labels, where they differ from the shared ones or exist only there. */
const OWN_PROPERTIES: Partial<Record<ResourceId, Record<string, string>>> = {
  leads: {
    search: 'Name, email or phone', score: 'Score', priority: 'Priority', estimated_value: 'Estimated value', date_of_birth: 'Date of birth',
    address: 'Address', city: 'City', state: 'State', zip_code: 'ZIP code', country: 'Country', last_contact_date: 'Last contacted',
    next_follow_up_date: 'Next follow-up', intake: 'How this lead came in',
    tags: 'Tags', tags_match: 'Match', tag_list: 'Tags',
  },
  campaigns: { campaign_type: 'Campaign type', budget: 'Budget', start_date: 'Start date', end_date: 'End date', is_active: 'Takes new leads' },
  lead_sources: { source_type: 'Source type' },
  organizations: { timezone: 'Time zone' },
  insurance_products: {
    product_type: 'Product type', coverage_amount: 'Coverage amount', premium_range_min: 'Lowest premium', premium_range_max: 'Highest premium',
  },
  site_keys: {
    embed: 'Embed code', key: 'Site key', allowed_origins: 'Allowed origins', product_types: 'Products offered', default_lead_source_id: 'Default lead source',
    default_campaign_id: 'Default campaign', consent_text: 'Consent text (English)', consent_text_es: 'Consent text (Spanish)',
    theme: 'Widget theme', 'theme.primary_color': 'Button colour', 'theme.text_color': 'Text colour',
    'theme.background_color': 'Background colour', 'theme.radius': 'Corner radius', 'theme.font_family': 'Font',
  },
  api_keys: { prefix: 'Key starts with', created_by_id: 'Created by', revoked_at: 'Revoked' },
  lead_submissions: {
    reference: 'Reference', outcome: 'Outcome', lead_id: 'Lead', site_key_id: 'Site key', api_key_id: 'API key', score_breakdown: 'Score breakdown',
    payload: 'What was sent', attribution: 'Attribution',
  },
  consents: {
    lead_id: 'Lead', submission_id: 'Submission', granted: 'Granted', consent_version: 'Version', language: 'Language', granted_at: 'Granted at',
    text_sha256: 'Text fingerprint (SHA-256)', page_url: 'Page', trustedform_cert_url: 'TrustedForm certificate', leadid_token: 'LeadiD token',
  },
  activities: {
    lead_id: 'Lead', user_id: 'By', type: 'Type', logged_type: 'Type', direction: 'Direction', outcome: 'Outcome', summary: 'Summary',
    details: 'Details', occurred_at: 'When', duration_seconds: 'Duration (seconds)', metadata: 'Recorded details',
  },
  notes: { search: 'Words in the note', title: 'Note', body: 'Note', lead_id: 'Lead', author_id: 'Written by', is_pinned: 'Pinned' },
  tags: { colour: 'Colour' },
  documents: {
    original_name: 'File name', lead_id: 'Lead', content_type: 'Type', size_bytes: 'Size', uploaded_by: 'Uploaded by',
    sha256: 'File fingerprint (SHA-256)', download: 'File', created_at: 'Uploaded',
  },
};

/** AdminJS's resource words (resource-words.ts) with each table's labels, in its `resources.<id>` shape. */
const RESOURCES = Object.fromEntries(Object.entries(resourceWords()).map(([id, words]) => [id, { ...words, properties: OWN_PROPERTIES[id as ResourceId] ?? {} }]));

/**
 * Words staff read in the admin: every message, button and label of
 * AdminJS's English locale that can reach them, in a person's words (no
 * "record", "resource", `{{placeholders}}` left for developers, or column
 * names). `test/server/admin-words.test.ts` walks AdminJS's locale merged
 * with this and fails on any that slips through.
 */
export const ADMIN_TRANSLATIONS: LocaleTranslations = {
  messages: {
    forbiddenError: 'Your role does not allow this. Ask your organization admin if you need it.',
    anyForbiddenError: 'Your role does not allow this. Ask your organization admin if you need it.',
    recordNotAccessible: RECORD_NOT_ACCESSIBLE,
    invalidCredentials: 'Wrong email or password.',
    thereWereValidationErrors: 'Some fields need attention: see the messages under them.',
    successfullyCreated: 'Added.',
    successfullyUpdated: 'Saved.',
    successfullyDeleted: 'Deleted.',
    successfullyBulkDeleted: '1 item deleted.',
    successfullyBulkDeleted_plural: '{{count}} items deleted.',
    bulkDeleteError: 'They could not be deleted. Try again, or reload the page.',
    errorFetchingRecords: 'The list could not be loaded. Reload the page to try again.',
    errorFetchingRecord: 'This could not be loaded. Reload the page to try again.',
    noRecordsSelected: 'Nothing is selected: tick some rows in the list first.',
    theseRecordsWillBeRemoved: 'This will be deleted for good:',
    theseRecordsWillBeRemoved_plural: 'These {{count}} will be deleted for good:',
    pickSomeFirstToRemove: 'Tick the rows to delete first.',
    error404Resource: 'This page does not exist. Choose a list from the menu.',
    error404Action: 'This page does not exist, or your role does not allow it.',
    error404Record: RECORD_NOT_ACCESSIBLE,
    seeConsoleForMore: 'Reload the page. If it happens again, tell your administrator.',
    noActionComponent: 'There is nothing to show here yet.',
    noRecordsInResource: 'When one is added, it appears here.',
    noRecords: 'Nothing here yet',
    noRecordsMatch: 'Nothing matches these filters.',
    noRecordsMatchHint: 'Change the filters, or reset them to see everything.',
    confirmDelete: 'Delete this for good? This cannot be undone.',
    keyPlaceholder: 'Name',
    valuePlaceholder: 'Value',
    initialKey: 'Name {{number}}',
    keyInUse: 'Each name must be different.',
    keyValuePropertyDefaultDescription: 'Values are kept as text. Each name must be different.',
    pageNotFound_title: 'Page not found',
    pageNotFound_subtitle: 'There is no page called <strong>"{{pageName}}"</strong>.',
    componentNotFound_title: 'Nothing to show',
    componentNotFound_subtitle: 'This page has no content yet.',
  },
  buttons: {
    save: 'Save', cancel: 'Cancel', confirm: 'Yes, go ahead', ok: 'OK', addNewItem: 'Add another',
    filter: 'Filter', filterActive: 'Filter ({{count}} on)', applyChanges: 'Apply filters', resetFilter: 'Reset filters',
    confirmRemovalMany: 'Delete 1 item', confirmRemovalMany_plural: 'Delete {{count}} items',
    logout: 'Sign out', login: 'Sign in', createFirstRecord: 'Add the first one',
    seeTheDocumentation: 'See <1>the documentation</1>', contactUs: 'Contact us',
  },
  properties: { ...SHARED_PROPERTIES, length: 'Count', from: 'From', to: 'To' },
  actions: {
    ...Object.fromEntries(PIPELINE_ACTIONS.map((a) => [a.name, a.label])),
    new: 'Add', edit: 'Change', show: 'Open', delete: 'Delete', bulkDelete: 'Delete', list: 'See all',
    changeStatus: 'Change status',
    changePriority: 'Change priority',
    addTag: 'Add tag',
    removeTag: 'Remove tag',
    exportCsv: 'Export to CSV',
    revoke: 'Revoke',
    resetPassword: 'Reset password',
  },
  pages: { account: 'My account', board: 'Pipeline board' },
  labels: {
    ...resourceLabels(),
    navigation: 'Menu', pages: 'Pages', selectedRecords: '{{selected}} selected', filters: 'Filters', dashboard: 'Dashboard',
    confirm: 'Please confirm', adminVersion: 'Admin {{version}}', appVersion: 'App {{version}}',
  },
  resources: RESOURCES,
  components: {
    // Each property is both the field's label and its placeholder on AdminJS's login page.
    Login: {
      welcomeHeader: 'Welcome',
      welcomeMessage: 'Sign in with your work email to see your leads, campaigns and pipeline.',
      properties: { email: 'Work email', password: 'Password' },
      loginButton: 'Sign in',
    },
    DropZone: {
      placeholder: 'Drop a file here, or click to choose one',
      acceptedSize: 'Up to {{maxSize}}',
      acceptedType: 'Accepted: {{mimeTypes}}',
      unsupportedSize: '{{fileName}} is too big',
      unsupportedType: '{{fileName}} is a {{fileType}} file, which is not accepted here',
    },
  },
};

/** AdminJS's own wording for a record it could not load, which reaches staff as a notice. */
const MISSING_RECORD = /^Record with given id: ".*" cannot be found in resource ".*"$/;

/** Staff-facing text for a notice AdminJS wrote for developers, or the notice unchanged. */
function readableNotice(message: string): string {
  return MISSING_RECORD.test(message) ? RECORD_NOT_ACCESSIBLE : message;
}

/** The resource an admin API path is about: `/resources/leads/records/5/edit` → `leads`. */
const RESOURCE_PATH = /^\/resources\/([^/]+)\//;

/**
 * Rewrites developer wording in the notices of admin API responses (see
 * readableNotice), and names the resource on the message keys AdminJS sends
 * without one ("successfullyUpdated"), so the browser finds that resource's
 * words ("Lead saved.") before the shared ones ("Saved.").
 */
export const readableNotices: RequestHandler = (req, res, next) => {
  const json = res.json.bind(res);
  const resourceId = RESOURCE_PATH.exec(req.path)?.[1];
  res.json = (body?: { notice?: { message?: unknown; resourceId?: unknown } }) => {
    const notice = body?.notice;
    if (notice && typeof notice.message === 'string') {
      const message = readableNotice(notice.message);
      notice.message = message;
      if (resourceId && notice.resourceId === undefined && RESOURCE_MESSAGE_KEYS.has(message)) notice.resourceId = resourceId;
    }
    return json(body);
  };
  next();
};

/** A property's label as staff read it (the resource's own wording first, then the shared one, then the column name in words). */
export function propertyLabel(resourceId: string, path: string): string {
  const own = (ADMIN_TRANSLATIONS.resources as Record<string, { properties?: Record<string, string> }> | undefined)?.[resourceId]?.properties?.[path];
  const words = path.replace(/_id$/, '').replace(/_/g, ' ');
  return own ?? (ADMIN_TRANSLATIONS.properties as Record<string, string> | undefined)?.[path] ?? words.charAt(0).toUpperCase() + words.slice(1);
}
