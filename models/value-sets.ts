/**
 * The spec's value sets, defined once. Models, migration CHECK constraints,
 * request validation, admin dropdowns and the widget all read these arrays,
 * so adding a value here is the only change needed to accept it everywhere
 * (plus a migration that replaces the CHECK constraint).
 */
export const LEAD_STATUSES = ['new', 'contacted', 'qualified', 'nurturing', 'converted', 'lost', 'archived'] as const;
export type LeadStatus = (typeof LEAD_STATUSES)[number];

export const LEAD_PRIORITIES = ['low', 'medium', 'high'] as const;
export type LeadPriority = (typeof LEAD_PRIORITIES)[number];

export const CAMPAIGN_STATUSES = ['draft', 'scheduled', 'active', 'paused', 'completed', 'cancelled'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

/**
 * The statuses in which a campaign is `is_active`. The form shows only the
 * status and `is_active` follows it (models/campaign.model.ts and the
 * campaigns-active-follows-status trigger). Its one reader is the intake's
 * campaign resolution (intake_submit): an inactive campaign's slug is
 * refused as `unknown_campaign`, so a visitor's lead is turned away. Draft
 * and scheduled campaigns accept leads so staff can try their widget and
 * links before the start, and a paused one keeps the leads of links already
 * out there; a completed or cancelled campaign no longer takes them. The
 * spec's own defaults (status 'draft', is_active TRUE) agree with this, so a
 * row inserted with both defaults already keeps the rule.
 */
export const CAMPAIGN_ACTIVE_STATUSES = ['draft', 'scheduled', 'active', 'paused'] as const satisfies readonly CampaignStatus[];

/** Whether a campaign of this status takes leads (see CAMPAIGN_ACTIVE_STATUSES). */
export function isActiveCampaignStatus(status: string): boolean {
  return (CAMPAIGN_ACTIVE_STATUSES as readonly string[]).includes(status);
}

/**
 * Campaign types offered in the admin. The spec keeps `campaign_type` free
 * text ("seasonal, promotional, etc."), so there is no CHECK: the model
 * refuses other values when a type is set or changed, and rows holding an
 * older value still show and can be edited as long as the type is left alone.
 */
export const CAMPAIGN_TYPES = [
  'seasonal', 'promotional', 'referral', 'retention', 'cross_sell', 'open_enrollment', 'email', 'social', 'search', 'other',
] as const;
export type CampaignType = (typeof CAMPAIGN_TYPES)[number];

export const SOURCE_TYPES = ['web', 'social_media', 'ppc', 'referral', 'email', 'event', 'partner', 'organic'] as const;
export type SourceType = (typeof SOURCE_TYPES)[number];

export const PRODUCT_TYPES = ['auto', 'home', 'life', 'health', 'business', 'travel', 'pet'] as const;
export type ProductType = (typeof PRODUCT_TYPES)[number];

/** Human labels for the admin and widget; keyed by value so a missing label is a type error. */
export const LEAD_STATUS_LABELS: Record<LeadStatus, string> = {
  new: 'New', contacted: 'Contacted', qualified: 'Qualified', nurturing: 'Nurturing',
  converted: 'Converted', lost: 'Lost', archived: 'Archived',
};
export const LEAD_PRIORITY_LABELS: Record<LeadPriority, string> = { low: 'Low', medium: 'Medium', high: 'High' };
export const CAMPAIGN_STATUS_LABELS: Record<CampaignStatus, string> = {
  draft: 'Draft', scheduled: 'Scheduled', active: 'Active', paused: 'Paused', completed: 'Completed', cancelled: 'Cancelled',
};
export const CAMPAIGN_TYPE_LABELS: Record<CampaignType, string> = {
  seasonal: 'Seasonal', promotional: 'Promotional offer', referral: 'Referral programme', retention: 'Renewal and retention',
  cross_sell: 'Cross-sell to customers', open_enrollment: 'Open enrollment', email: 'Email', social: 'Social media',
  search: 'Search ads', other: 'Other',
};
export const SOURCE_TYPE_LABELS: Record<SourceType, string> = {
  web: 'Website forms', social_media: 'Social media', ppc: 'Pay-per-click', referral: 'Customer referral',
  email: 'Email campaign', event: 'Event or conference', partner: 'Partner referral', organic: 'Organic search',
};
export const PRODUCT_TYPE_LABELS: Record<ProductType, string> = {
  auto: 'Auto', home: 'Home', life: 'Life', health: 'Health', business: 'Business', travel: 'Travel', pet: 'Pet',
};

/** What became of an intake submission: a new lead, a match of a recent lead, or a bot caught by the honeypot or timing check. */
export const SUBMISSION_OUTCOMES = ['created', 'duplicate', 'spam'] as const;
export type SubmissionOutcome = (typeof SUBMISSION_OUTCOMES)[number];
export const SUBMISSION_OUTCOME_LABELS: Record<SubmissionOutcome, string> = {
  created: 'Created a lead', duplicate: 'Matched a recent lead', spam: 'Caught as a bot',
};

/**
 * What happened to a lead (activities.type). Staff log the first group by
 * hand; the database writes status_change and submission itself, and the
 * notes, assignment and document features write theirs.
 */
export const ACTIVITY_TYPES = ['call', 'email', 'sms', 'meeting', 'status_change', 'submission', 'note', 'assignment', 'document', 'other'] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];
/** The types a person logs by hand; the others are a record the system keeps, so no form offers them. */
export const LOGGED_ACTIVITY_TYPES = ['call', 'email', 'sms', 'meeting', 'other'] as const satisfies readonly ActivityType[];
/** Types that have a direction (who reached out to whom); a CHECK refuses a direction on any other. */
export const DIRECTED_ACTIVITY_TYPES = ['call', 'email', 'sms', 'meeting'] as const satisfies readonly ActivityType[];
/** An outbound one of these is contact with the person: it moves the lead's last_contact_date (activity-contact-date trigger). */
export const CONTACT_ACTIVITY_TYPES = ['call', 'email', 'sms'] as const satisfies readonly ActivityType[];
export const ACTIVITY_DIRECTIONS = ['inbound', 'outbound'] as const;
export type ActivityDirection = (typeof ACTIVITY_DIRECTIONS)[number];
/** How a call went; only a call has one (CHECK). */
export const CALL_OUTCOMES = ['connected', 'left_voicemail', 'no_answer', 'busy', 'wrong_number'] as const;
export type CallOutcome = (typeof CALL_OUTCOMES)[number];
export const ACTIVITY_TYPE_LABELS: Record<ActivityType, string> = {
  call: 'Call', email: 'Email', sms: 'Text message', meeting: 'Meeting', status_change: 'Status change', submission: 'Intake submission',
  note: 'Note', assignment: 'Assignment', document: 'Document', other: 'Other',
};
export const ACTIVITY_DIRECTION_LABELS: Record<ActivityDirection, string> = { inbound: 'Inbound', outbound: 'Outbound' };
export const CALL_OUTCOME_LABELS: Record<CallOutcome, string> = {
  connected: 'Connected', left_voicemail: 'Left a voicemail', no_answer: 'No answer', busy: 'Busy', wrong_number: 'Wrong number',
};

/** Lead score bounds, enforced by a CHECK constraint and by validation. */
export const SCORE_MIN = 0;
export const SCORE_MAX = 100;

/**
 * Every constrained column, by table: the migration builds one CHECK per entry
 * (named `ck_<table>_<column>`), and the schema test proves each one.
 */
/**
 * The tag palette, by name: each has a text and background pair that reads
 * at WCAG AA (TAG_COLOUR_PAIRS in server/admin/components/badge-colours.ts),
 * so a tag is never chosen by hex and never unreadable.
 */
export const TAG_COLOURS = ['slate', 'red', 'orange', 'amber', 'green', 'teal', 'blue', 'purple'] as const;
export type TagColour = (typeof TAG_COLOURS)[number];
export const TAG_COLOUR_LABELS: Record<TagColour, string> = {
  slate: 'Grey', red: 'Red', orange: 'Orange', amber: 'Yellow', green: 'Green', teal: 'Teal', blue: 'Blue', purple: 'Purple',
};

/** A note's longest body, in characters (ck_notes_body): a long call summary fits, a pasted document does not. */
export const NOTE_BODY_MAX = 10_000;

export const VALUE_SET_COLUMNS = {
  leads: { status: LEAD_STATUSES, priority: LEAD_PRIORITIES },
  campaigns: { status: CAMPAIGN_STATUSES },
  lead_sources: { source_type: SOURCE_TYPES },
  insurance_products: { product_type: PRODUCT_TYPES },
} as const;

/**
 * Roles of organization staff (user_roles.role). Superusers are not a role:
 * they are `users.is_superuser` and belong to no organization. A user with no
 * role row is an agent, the least privilege.
 */
export const STAFF_ROLES = ['admin', 'manager', 'agent'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];
export const DEFAULT_STAFF_ROLE: StaffRole = 'agent';
export const STAFF_ROLE_LABELS: Record<StaffRole, string> = { admin: 'Organization admin', manager: 'Manager', agent: 'Agent' };

/**
 * What a lead's document may be (documents.content_type), decided from the
 * file's content, never its name or declared type (server/documents/document-type.ts).
 * Each type lists the name endings that may carry it: a name must end with one of its type's.
 */
export const DOCUMENT_TYPES = [
  'application/pdf', 'image/png', 'image/jpeg', 'image/heic',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'text/csv', 'text/plain',
] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];
export const DOCUMENT_TYPE_LABELS: Record<DocumentType, string> = {
  'application/pdf': 'PDF', 'image/png': 'PNG image', 'image/jpeg': 'JPEG image', 'image/heic': 'HEIC photo',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'Excel workbook',
  'text/csv': 'CSV file', 'text/plain': 'Text file',
};
export const DOCUMENT_TYPE_EXTENSIONS: Record<DocumentType, readonly string[]> = {
  'application/pdf': ['pdf'], 'image/png': ['png'], 'image/jpeg': ['jpg', 'jpeg'], 'image/heic': ['heic'],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ['docx'],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ['xlsx'],
  'text/csv': ['csv'], 'text/plain': ['txt'],
};
