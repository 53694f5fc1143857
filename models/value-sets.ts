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

/** Lead score bounds, enforced by a CHECK constraint and by validation. */
export const SCORE_MIN = 0;
export const SCORE_MAX = 100;

/**
 * Every constrained column, by table: the migration builds one CHECK per entry
 * (named `ck_<table>_<column>`), and the schema test proves each one.
 */
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
