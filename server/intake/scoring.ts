import type { ScoreItem } from '../../models/lead-submission.model.js';
import type { ProductType, SourceType } from '../../models/value-sets.js';
import type { ValidSubmission } from './intake.validate.js';

/**
 * The lead score: 0-100 from six rules, each with its maximum. The total
 * sets the priority: 70 and above is high, 40-69 medium, below 40 low.
 *
 * | Rule         | Max | Points                                                              |
 * |--------------|----:|---------------------------------------------------------------------|
 * | Completeness |  30 | date of birth 8, ZIP code 8, state 4, street address 5, city 5       |
 * | Phone        |  15 | a number 15 (intake refuses one that cannot exist), none 0            |
 * | Email        |  15 | 15; a disposable mailbox 0; a role address (info@, sales@…) 7        |
 * | Product      |  15 | by product type: life 15, health 15, business 15, home 12, auto 10, pet 8, travel 6; none 0 |
 * | Consent      |  15 | consent to be contacted granted 15, otherwise 0                     |
 * | Source       |  10 | referral 10, partner 9, organic 8, web 7, email 7, event 6, ppc 5, social media 4 |
 *
 * Completeness, phone, email and consent are known from the request and are
 * added here; product and source are known once the database has resolved
 * them, so their point tables travel with the request and intake_submit()
 * applies them in the same round trip.
 */
const PRIORITY_THRESHOLDS = { high: 70, medium: 40 } as const;

const PRODUCT_POINTS: Record<ProductType, number> = { life: 15, health: 15, business: 15, home: 12, auto: 10, pet: 8, travel: 6 };
const SOURCE_POINTS: Record<SourceType, number> = {
  referral: 10, partner: 9, organic: 8, web: 7, email: 7, event: 6, ppc: 5, social_media: 4,
};

const DISPOSABLE_DOMAINS = new Set([
  'mailinator.com', 'guerrillamail.com', '10minutemail.com', 'tempmail.com', 'temp-mail.org', 'yopmail.com',
  'trashmail.com', 'sharklasers.com', 'getnada.com', 'dispostable.com', 'maildrop.cc', 'throwawaymail.com',
]);
const ROLE_MAILBOXES = new Set(['info', 'sales', 'admin', 'support', 'contact', 'office', 'hello', 'noreply', 'no-reply', 'webmaster']);

export interface ScoreRequest {
  base: number;
  items: ScoreItem[];
  product: { item: Omit<ScoreItem, 'points'>; points: Record<ProductType, number> };
  source: { item: Omit<ScoreItem, 'points'>; points: Record<SourceType, number> };
  high: number;
  medium: number;
}

function completeness(lead: ValidSubmission['lead']): number {
  return (lead.date_of_birth ? 8 : 0) + (lead.zip_code ? 8 : 0) + (lead.state ? 4 : 0) + (lead.address ? 5 : 0) + (lead.city ? 5 : 0);
}

function emailPoints(email: string): number {
  const [local = '', domain = ''] = email.split('@');
  if (DISPOSABLE_DOMAINS.has(domain)) return 0;
  return ROLE_MAILBOXES.has(local) ? 7 : 15;
}

/** The request-side rules, and the product and source tables for the database to apply. */
export function scoreRequest(submission: ValidSubmission): ScoreRequest {
  const { lead } = submission;
  const items: ScoreItem[] = [
    { rule: 'completeness', label: 'Completeness', points: completeness(lead), max: 30 },
    { rule: 'phone', label: 'Phone', points: lead.phone ? 15 : 0, max: 15 },
    { rule: 'email', label: 'Email', points: emailPoints(lead.email), max: 15 },
    { rule: 'consent', label: 'Consent', points: submission.body.consent?.granted ? 15 : 0, max: 15 },
  ];
  return {
    base: items.reduce((sum, item) => sum + item.points, 0),
    items,
    product: { item: { rule: 'product', label: 'Product', max: 15 }, points: PRODUCT_POINTS },
    source: { item: { rule: 'source', label: 'Source', max: 10 }, points: SOURCE_POINTS },
    ...PRIORITY_THRESHOLDS,
  };
}
