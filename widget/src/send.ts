import { ATTEMPTS, MAX_WAIT_MS, backoff, retryable } from './retry.js';
import { load, remove, save, type Pending, type Store } from './outbox.js';
import type { FieldProblem, SendOutcome } from './types.js';

/** One HTTP answer, reduced to what the retry logic reads; status 0 is a network failure. */
export interface Answer { status: number; retryAfter: string | null; body: { reference?: string; detail?: string; errors?: FieldProblem[] } }

export type Post = (p: Pending, siteKey: string) => Promise<Answer>;

export interface SendDeps {
  post: Post;
  store: Store | null;
  sleep: (ms: number) => Promise<void>;
  online: () => boolean;
  random?: () => number;
}

/** The real transport: fetch with the intake headers; any network failure becomes status 0. */
export const httpPost: Post = async (p, siteKey) => {
  try {
    const res = await fetch(p.url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Lead-Key': siteKey, 'Idempotency-Key': p.id },
      body: p.body,
      credentials: 'omit',
    });
    return { status: res.status, retryAfter: res.headers.get('Retry-After'), body: await res.json().catch(() => ({})) };
  } catch {
    return { status: 0, retryAfter: null, body: {} };
  }
};

// Submissions on their way, so an `online` flush does not race the retry loop that owns them.
const inflight = new Set<string>();

/** The outcome of a final (non-retryable) answer; the pending copy is forgotten. */
function settle(answer: Answer, p: Pending, siteKey: string, store: Store | null): SendOutcome {
  remove(store, siteKey, p.id);
  if (answer.status >= 200 && answer.status < 300) return { kind: 'sent', reference: answer.body.reference ?? '' };
  if (answer.status === 422 && answer.body.errors?.length) return { kind: 'invalid', errors: answer.body.errors };
  return { kind: 'failed', status: answer.status, detail: answer.body.detail ?? '' };
}

/**
 * Delivers a submission: it is written to the outbox first (so closing the
 * tab mid-retry loses nothing), then tried up to ATTEMPTS times with backoff.
 * Still undelivered, it stays in the outbox for `flush`.
 */
export async function deliver(p: Pending, siteKey: string, deps: SendDeps): Promise<SendOutcome> {
  const stored = save(deps.store, siteKey, p);
  if (!deps.online()) return stored ? { kind: 'queued' } : { kind: 'failed', status: 0, detail: '' };
  inflight.add(p.id);
  try {
    for (let attempt = 1; ; attempt++) {
      const answer = await deps.post(p, siteKey);
      if (!retryable(answer.status)) return settle(answer, p, siteKey, deps.store);
      const wait = backoff(attempt, answer.retryAfter, deps.random);
      if (attempt >= ATTEMPTS || wait > MAX_WAIT_MS || !deps.online()) break;
      await deps.sleep(wait);
    }
    return stored ? { kind: 'queued' } : { kind: 'failed', status: 0, detail: '' };
  } finally {
    inflight.delete(p.id);
  }
}

/**
 * Sends every pending submission of a site key once (on page load and on
 * `online`); each stays queued until the server gives a final answer.
 * Reports the outcome of each one that was settled.
 */
export async function flush(siteKey: string, deps: SendDeps, report: (o: SendOutcome, p: Pending) => void): Promise<void> {
  for (const p of load(deps.store, siteKey)) {
    // Another widget's flush may have settled it meanwhile: only what is still stored is sent.
    if (inflight.has(p.id) || !deps.online() || !load(deps.store, siteKey).some((q) => q.id === p.id)) continue;
    inflight.add(p.id);
    try {
      const answer = await deps.post(p, siteKey);
      if (!retryable(answer.status)) report(settle(answer, p, siteKey, deps.store), p);
    } finally {
      inflight.delete(p.id);
    }
  }
}
