import type { ActionResponse, After, RecordActionResponse } from 'adminjs';
import { Campaign, Consent, InsuranceProduct, Lead, LeadSource, LeadSubmission } from '../../../models/index.js';
import type { ScoreItem } from '../../../models/lead-submission.model.js';
import { PRODUCT_TYPE_LABELS, type ProductType, type SubmissionOutcome } from '../../../models/value-sets.js';

/** The virtual property of the lead page that carries the summary (see components/lead-intake.tsx). */
export const INTAKE_PROPERTY = 'intake';
/** Submissions listed on a lead's page; the full list is one link away. */
const RECENT_SUBMISSIONS = 10;

export interface LeadIntakeSummary {
  /** From the submission that created the lead; null for a lead typed in by staff or imported. */
  score: { score: number; items: ScoreItem[] } | null;
  /** The lead's latest consent record. */
  consent: { granted: boolean; version: string | null; grantedAt: string | null; text: string | null; pageUrl: string | null } | null;
  submissions: SubmissionSummary[];
  /** How many submissions name the lead in all (the list shows RECENT_SUBMISSIONS). */
  submissionCount: number;
}

/** One submission as the lead's page lists it: what was asked, through what, and whether it made the lead. */
export interface SubmissionSummary {
  id: string;
  reference: string;
  outcome: SubmissionOutcome;
  createdAt: string | null;
  /** The product asked for: its name and type label, or the raw `product` sent when none was resolved (submissions before 2026-12-03). */
  product: string | null;
  /** True when the product asked differs from the lead's: "also asked for Home". */
  otherProduct: boolean;
  source: string | null;
  campaign: string | null;
}

const iso = (d: Date | null | undefined) => (d ? new Date(d).toISOString() : null);

type SubmissionRow = LeadSubmission & { insuranceProduct?: InsuranceProduct | null; leadSource?: LeadSource | null; campaign?: Campaign | null };

function productLabel(s: SubmissionRow): string | null {
  const p = s.insuranceProduct;
  if (p) return `${p.name} (${PRODUCT_TYPE_LABELS[p.product_type as ProductType] ?? p.product_type})`;
  const asked = s.payload?.product;
  return typeof asked === 'string' ? (PRODUCT_TYPE_LABELS[asked as ProductType] ?? asked) : null;
}

/** Where the lead came from: score breakdown, consent and submissions, all within the lead's organization. */
async function leadIntakeSummary(leadId: number, organizationId: number): Promise<LeadIntakeSummary> {
  const mine = { lead_id: leadId, organization_id: organizationId };
  const [creating, consent, recent, submissionCount, lead] = await Promise.all([
    LeadSubmission.findOne({ where: { ...mine, outcome: 'created' }, order: [['created_at', 'ASC'], ['id', 'ASC']] }),
    Consent.findOne({ where: mine, order: [['granted_at', 'DESC'], ['id', 'DESC']] }),
    LeadSubmission.findAll({
      attributes: ['id', 'reference', 'outcome', 'created_at', 'payload', 'insurance_product_id'], where: mine,
      include: [
        { model: InsuranceProduct, as: 'insuranceProduct', attributes: ['name', 'product_type'] },
        { model: LeadSource, as: 'leadSource', attributes: ['name'] },
        // Campaigns belong to an organization: only the lead's own are named.
        { model: Campaign, as: 'campaign', attributes: ['name'], where: { organization_id: organizationId }, required: false },
      ],
      order: [['created_at', 'DESC'], ['id', 'DESC']], limit: RECENT_SUBMISSIONS,
    }) as Promise<SubmissionRow[]>,
    LeadSubmission.count({ where: mine }),
    Lead.findOne({ attributes: ['insurance_product_id'], where: { id: leadId, organization_id: organizationId } }),
  ]);
  return {
    score: creating?.score_breakdown ?? null,
    consent: consent && {
      granted: consent.granted, version: consent.consent_version, grantedAt: iso(consent.granted_at),
      text: consent.consent_text, pageUrl: consent.page_url,
    },
    submissions: recent.map((s) => ({
      id: String(s.id), reference: s.reference, outcome: s.outcome, createdAt: iso(s.created_at),
      product: productLabel(s),
      otherProduct: s.insurance_product_id != null && s.insurance_product_id !== (lead?.insurance_product_id ?? null),
      source: s.leadSource?.name ?? null,
      campaign: s.campaign?.name ?? null,
    })),
    submissionCount,
  };
}

/**
 * After the lead's show action: the summary as one JSON string in the
 * virtual `intake` param. One opaque string, because AdminJS flattens
 * nested params into `a.b.0.c` keys on their way to the page.
 */
export const withIntakeSummary: After<ActionResponse> = async (response) => {
  const params = (response as RecordActionResponse).record?.params;
  const id = Number(params?.id);
  const org = Number(params?.organization_id);
  if (!params || !Number.isSafeInteger(id) || !Number.isSafeInteger(org)) return response;
  params[INTAKE_PROPERTY] = JSON.stringify(await leadIntakeSummary(id, org));
  return response;
};
