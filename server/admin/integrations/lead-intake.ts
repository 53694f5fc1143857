import type { ActionResponse, After, RecordActionResponse } from 'adminjs';
import { Consent, LeadSubmission } from '../../../models/index.js';
import type { ScoreItem } from '../../../models/lead-submission.model.js';
import type { SubmissionOutcome } from '../../../models/value-sets.js';

/** The virtual property of the lead page that carries the summary (see lead-intake.tsx). */
export const INTAKE_PROPERTY = 'intake';
/** Submissions listed on a lead's page; the full list is one link away. */
const RECENT_SUBMISSIONS = 10;

export interface LeadIntakeSummary {
  /** From the submission that created the lead; null for a lead typed in by staff or imported. */
  score: { score: number; items: ScoreItem[] } | null;
  /** The lead's latest consent record. */
  consent: { granted: boolean; version: string | null; grantedAt: string | null; text: string | null; pageUrl: string | null } | null;
  submissions: { id: string; reference: string; outcome: SubmissionOutcome; createdAt: string | null }[];
  /** How many submissions name the lead in all (the list shows RECENT_SUBMISSIONS). */
  submissionCount: number;
}

const iso = (d: Date | null | undefined) => (d ? new Date(d).toISOString() : null);

/** Where the lead came from: score breakdown, consent and submissions, all within the lead's organization. */
export async function leadIntakeSummary(leadId: number, organizationId: number): Promise<LeadIntakeSummary> {
  const mine = { lead_id: leadId, organization_id: organizationId };
  const [creating, consent, recent, submissionCount] = await Promise.all([
    LeadSubmission.findOne({ where: { ...mine, outcome: 'created' }, order: [['created_at', 'ASC'], ['id', 'ASC']] }),
    Consent.findOne({ where: mine, order: [['granted_at', 'DESC'], ['id', 'DESC']] }),
    LeadSubmission.findAll({
      attributes: ['id', 'reference', 'outcome', 'created_at'], where: mine,
      order: [['created_at', 'DESC'], ['id', 'DESC']], limit: RECENT_SUBMISSIONS,
    }),
    LeadSubmission.count({ where: mine }),
  ]);
  return {
    score: creating?.score_breakdown ?? null,
    consent: consent && {
      granted: consent.granted, version: consent.consent_version, grantedAt: iso(consent.granted_at),
      text: consent.consent_text, pageUrl: consent.page_url,
    },
    submissions: recent.map((s) => ({ id: String(s.id), reference: s.reference, outcome: s.outcome, createdAt: iso(s.created_at) })),
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
