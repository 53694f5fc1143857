import { randomBytes } from 'node:crypto';
import { QueryTypes, type Sequelize } from 'sequelize';
import type { SubmissionOutcome } from '../../models/value-sets.js';
import type { Config } from '../config.js';
import { sourceTypeFromUtm } from './attribution.js';
import { intakeRefusal, type IntakeRefusal } from './intake.errors.js';
import type { ValidSubmission } from './intake.validate.js';
import { IDEMPOTENCY_WINDOW_HOURS } from './idempotency.js';
import { scoreRequest, type ScoreRequest } from './scoring.js';

/** Who is calling: a publishable key from a page, or the SHA-256 of a secret key from a server. */
export type Credential = { kind: 'pk'; key: string } | { kind: 'sk'; hash: string };

export interface SubmissionContext {
  credential: Credential;
  origin: string | null;
  ip: string;
  userAgent: string | null;
  idempotencyKey: string | null;
  /** SHA-256 of the parsed body in canonical form (request-hash.ts), to tell an idempotent replay from a reuse of its key; null without a key. */
  requestHash: string | null;
  now: Date;
}

export interface SubmissionResult {
  reference: string;
  leadId: number | null;
  outcome: SubmissionOutcome;
  replayed: boolean;
}

/**
 * What intake_submit() (migrations/functions/intake-submit.v*.sql.ts) reads.
 * Adding an optional field is compatible; changing or removing one is not,
 * and needs a function of a new name so old and new app versions can run
 * side by side during a rolling deploy (see ARCHITECTURE.md).
 */
export interface IntakeRequest {
  key_kind: Credential['kind'];
  /** The publishable key, or the SHA-256 of the secret key. */
  key: string;
  origin: string | null;
  ip: string;
  user_agent: string | null;
  limits: { ip: number; key: number; window: number };
  idempotency_key: string | null;
  request_hash: string | null;
  idempotency_hours: number;
  reference: string;
  spam: boolean;
  lead: ValidSubmission['lead'];
  source_type: string | null;
  attribution: Record<string, string>;
  /** Product, campaign, consent and evidence are read from the validated body itself. */
  body: ValidSubmission['body'];
  dedup_days: number;
  scoring: ScoreRequest;
}

/** What intake_submit() answers: a refusal, or the stored (or replayed) submission. */
export type IntakeResult = IntakeRefusal | { reference: string; lead_id: number | null; outcome: SubmissionOutcome; replayed: boolean };

/** A submit this soon after the form appeared was not typed by a person. */
export const MIN_FILL_MILLISECONDS = 2000;
/** A visitor's clock may run fast, but not by more than a day: a start further ahead was made up. */
const MAX_CLOCK_AHEAD_MILLISECONDS = 24 * 60 * 60 * 1000;

const REFERENCE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'; // Crockford base32: no I, L, O, U to misread

let entropy = Buffer.alloc(0);
let used = 0;

/** `LH-` and 10 characters (50 bits): short enough to read over the phone, long enough never to repeat. */
export function newReference(): string {
  // One 4 kB draw from the CSPRNG serves 400 references: a call per request showed in profiles.
  if (used + 10 > entropy.length) { entropy = randomBytes(4096); used = 0; }
  let reference = 'LH-';
  for (let i = used; i < used + 10; i++) reference += REFERENCE_ALPHABET[entropy[i]! & 31];
  used += 10;
  return reference;
}

/** A bot filled the hidden honeypot field, or submitted faster than a person can type. */
function looksLikeBot(body: ValidSubmission['body'], now: Date): boolean {
  if (body.website) return true;
  if (body.form_started_at == null) return false;
  const started = typeof body.form_started_at === 'number' ? body.form_started_at : Date.parse(body.form_started_at);
  const elapsed = now.getTime() - started;
  // A start a little in the future is a visitor's clock running fast, not a bot.
  return elapsed < -MAX_CLOCK_AHEAD_MILLISECONDS || (elapsed >= 0 && elapsed < MIN_FILL_MILLISECONDS);
}

/**
 * Stores one submission through intake_submit() (see its migration): one
 * database round trip that checks the rate budgets, the key and its origin,
 * replays an idempotent retry, resolves product, campaign and source,
 * deduplicates, scores and writes the lead, submission and consent. Throws
 * the matching AppError when the database refuses the submission.
 */
export async function submitLead(
  sequelize: Sequelize, config: Config, context: SubmissionContext, submission: ValidSubmission,
): Promise<SubmissionResult> {
  const { body, lead } = submission;
  const attribution = Object.fromEntries(Object.entries({
    utm_source: body.utm_source, utm_medium: body.utm_medium, utm_campaign: body.utm_campaign,
    utm_term: body.utm_term, utm_content: body.utm_content, page_url: body.page_url, referrer: body.referrer,
  }).filter(([, v]) => v != null)) as Record<string, string>;
  const request: IntakeRequest = {
    key_kind: context.credential.kind,
    key: context.credential.kind === 'pk' ? context.credential.key : context.credential.hash,
    origin: context.origin,
    ip: context.ip,
    user_agent: context.userAgent?.slice(0, 512) ?? null,
    limits: { ip: config.RATE_LIMIT_IP_PER_WINDOW, key: config.RATE_LIMIT_KEY_PER_WINDOW, window: config.RATE_LIMIT_WINDOW_SECONDS },
    idempotency_key: context.idempotencyKey,
    request_hash: context.requestHash,
    idempotency_hours: IDEMPOTENCY_WINDOW_HOURS,
    reference: newReference(),
    spam: looksLikeBot(body, context.now),
    lead,
    source_type: sourceTypeFromUtm(body),
    attribution,
    body,
    dedup_days: config.DEDUP_WINDOW_DAYS,
    scoring: scoreRequest(submission),
  };
  const row = await sequelize.query<{ r: IntakeResult }>(
    'SELECT intake_submit($1::jsonb) AS r', { bind: [JSON.stringify(request)], type: QueryTypes.SELECT, plain: true },
  );
  const result = row!.r;
  if ('error' in result) throw intakeRefusal(result, body, context.origin);
  return { reference: result.reference, leadId: result.lead_id, outcome: result.outcome, replayed: result.replayed };
}
