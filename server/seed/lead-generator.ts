import type { CreationAttributes } from 'sequelize';
import type { Lead } from '../../models/lead.model.js';
import type { LeadPriority, ProductType, SourceType } from '../../models/value-sets.js';
import {
  DEMO_PRODUCTS, EMAIL_DOMAINS, FIRST_NAMES, LAST_NAMES, NOTES, PLACES, PRODUCT_WEIGHTS, SOURCE_WEIGHTS,
  STATUS_WEIGHTS, STREETS,
} from './demo-catalog.js';
import type { Random } from './random.js';

const DAY_MS = 86_400_000;

export interface LeadRefs {
  organizationId: number;
  productIds: Record<ProductType, number>;
  sourceIds: Record<SourceType, number>;
  campaignIds: number[];
}

function priorityFor(score: number): LeadPriority {
  return score >= 70 ? 'high' : score >= 40 ? 'medium' : 'low';
}

/**
 * One plausible lead, numbered `n` so emails stay unique across any number
 * of leads. Everything is derived from `random`, so a seed is reproducible.
 */
export function generateLead(n: number, random: Random, refs: LeadRefs, now: number): CreationAttributes<Lead> {
  const first = random.pick(FIRST_NAMES);
  const last = random.pick(LAST_NAMES);
  const [city, state, zipPrefix, areaCode] = random.pick(PLACES);
  const product = random.weighted(PRODUCT_WEIGHTS);
  const source = random.weighted(SOURCE_WEIGHTS);
  const status = random.weighted(STATUS_WEIGHTS);
  const createdAt = now - random.int(0, 90 * DAY_MS);
  const score = random.int(5, 98);
  const [low, high] = DEMO_PRODUCTS[product].value;
  const contacted = status !== 'new';
  const open = status === 'new' || status === 'contacted' || status === 'qualified' || status === 'nurturing';
  const localPart = `${first}.${last}`.toLowerCase().replace(/[^a-z.]/g, '');
  const campaign = random.next() < 0.45 ? random.pick(refs.campaignIds) : null;
  return {
    first_name: first,
    last_name: last,
    email: `${localPart}.${n}@${random.pick(EMAIL_DOMAINS)}`,
    // 555-01xx numbers are reserved for fiction, in a real area code of the lead's city.
    phone: random.next() < 0.9 ? `+1${areaCode}55501${String(random.int(0, 99)).padStart(2, '0')}` : null,
    date_of_birth: new Date(Date.UTC(random.int(1950, 2004), random.int(0, 11), random.int(1, 28))).toISOString().slice(0, 10),
    address: `${random.int(100, 9899)} ${random.pick(STREETS)}`,
    city,
    state,
    zip_code: `${zipPrefix}${String(random.int(0, 99)).padStart(2, '0')}`,
    country: 'USA',
    status,
    priority: priorityFor(score),
    score,
    notes: random.pick(NOTES),
    estimated_value: (random.int(low * 100, high * 100) / 100).toFixed(2),
    last_contact_date: contacted ? new Date(Math.min(now, createdAt + random.int(1, 10) * DAY_MS / 4)) : null,
    next_follow_up_date: open && contacted ? new Date(now + random.int(1, 14) * DAY_MS) : null,
    organization_id: refs.organizationId,
    lead_source_id: refs.sourceIds[source],
    campaign_id: campaign,
    insurance_product_id: refs.productIds[product],
    created_at: new Date(createdAt),
    updated_at: new Date(createdAt),
  };
}
