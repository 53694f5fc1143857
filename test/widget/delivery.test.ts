import { MAX_AGE_MS, load, remove, save, storageKey, type Pending, type Store } from '../../widget/src/outbox.js';
import { ATTEMPTS, RETRY_CAP_MS, backoff, retryAfterMs, retryable } from '../../widget/src/retry.js';
import { deliver, flush, type Answer, type SendDeps } from '../../widget/src/send.js';

/** A Storage-shaped object in memory; `full` makes writes throw like a full or blocked localStorage. */
function memoryStore(full = false): Store & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => {
      if (full) throw new Error('QuotaExceededError');
      data.set(k, v);
    },
    removeItem: (k) => { data.delete(k); },
  };
}

const KEY = 'pk_test_site';
const pending = (id = 'fill-1'): Pending => ({ id, body: '{"first_name":"Maria"}', url: 'https://leads.example/api/v1/leads', savedAt: Date.now() });
const answer = (status: number, extra: Partial<Answer> = {}): Answer => ({ status, retryAfter: null, body: {}, ...extra });

/** A fake server answering from a script, recording each request's Idempotency-Key; and a clock that only records waits. */
function harness(answers: Answer[], { online = true, store = memoryStore() } = {}) {
  const keys: string[] = [];
  const waits: number[] = [];
  const deps: SendDeps = {
    store,
    online: () => online,
    random: () => 0.5,
    sleep: async (ms) => { waits.push(ms); },
    post: async (p) => {
      keys.push(p.id);
      return answers.shift() ?? answer(0);
    },
  };
  return { deps, keys, waits, store };
}

describe('retry schedule', () => {
  it('grows exponentially with equal jitter, capped', () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => backoff(n, null, () => 0))).toEqual([500, 1000, 2000, 4000, 8000, 8000]);
    expect([1, 2, 3, 4, 5, 6].map((n) => backoff(n, null, () => 1))).toEqual([1000, 2000, 4000, 8000, 16000, 16000]);
    expect(backoff(9, null, Math.random)).toBeLessThanOrEqual(RETRY_CAP_MS);
  });

  it('honours Retry-After in seconds or as an HTTP date, and ignores garbage', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(backoff(1, '5', () => 0)).toBe(5000);
    expect(retryAfterMs('Thu, 01 Jan 2026 00:00:12 GMT', now)).toBe(12000);
    expect(retryAfterMs('soon', now)).toBeNull();
    expect(retryAfterMs('', now)).toBeNull();
    expect(backoff(2, 'soon', () => 0)).toBe(1000);
  });

  it('retries network failures, 408, 425, 429 and 5xx only', () => {
    expect([0, 408, 425, 429, 500, 502, 503].every(retryable)).toBe(true);
    expect([200, 201, 400, 401, 403, 404, 409, 413, 415, 422].some(retryable)).toBe(false);
  });
});

describe('deliver', () => {
  it('retries a 503 after its Retry-After and a network failure after a backoff, with the same Idempotency-Key, then forgets the copy', async () => {
    const h = harness([answer(503, { retryAfter: '5' }), answer(0), answer(201, { body: { reference: 'LH-1' } })]);
    await expect(deliver(pending(), KEY, h.deps)).resolves.toEqual({ kind: 'sent', reference: 'LH-1' });
    expect(h.waits).toEqual([5000, 1500]);
    expect(h.keys).toEqual(['fill-1', 'fill-1', 'fill-1']);
    expect(load(h.store, KEY)).toEqual([]);
  });

  it('keeps the submission in the outbox after the last failed attempt', async () => {
    const h = harness([]);
    await expect(deliver(pending(), KEY, h.deps)).resolves.toEqual({ kind: 'queued' });
    expect(h.keys).toHaveLength(ATTEMPTS);
    expect(load(h.store, KEY).map((p) => p.id)).toEqual(['fill-1']);
  });

  it('queues at once, sending nothing, while the browser is offline', async () => {
    const h = harness([answer(201)], { online: false });
    await expect(deliver(pending(), KEY, h.deps)).resolves.toEqual({ kind: 'queued' });
    expect(h.keys).toEqual([]);
    expect(load(h.store, KEY)).toHaveLength(1);
  });

  it('does not keep the visitor waiting for a long Retry-After: queued after one attempt', async () => {
    const h = harness([answer(429, { retryAfter: '120' })]);
    await expect(deliver(pending(), KEY, h.deps)).resolves.toEqual({ kind: 'queued' });
    expect(h.waits).toEqual([]);
  });

  it('hands back a 422\'s field errors and any other refusal, forgetting the copy either way', async () => {
    const errors = [{ field: 'email', code: 'invalid_email', message: 'Enter a valid email address, like name@example.com.' }];
    const h = harness([answer(422, { body: { errors } }), answer(403, { body: { detail: 'Origin not allowed' } })]);
    await expect(deliver(pending('a'), KEY, h.deps)).resolves.toEqual({ kind: 'invalid', errors });
    await expect(deliver(pending('b'), KEY, h.deps)).resolves.toEqual({ kind: 'failed', status: 403, detail: 'Origin not allowed' });
    expect(h.keys).toEqual(['a', 'b']);
    expect(load(h.store, KEY)).toEqual([]);
  });

  it('reports a failure instead of "saved" when nothing could be stored and the browser is offline', async () => {
    const h = harness([], { online: false, store: memoryStore(true) });
    await expect(deliver(pending(), KEY, h.deps)).resolves.toMatchObject({ kind: 'failed' });
  });
});

describe('flush (the next page view, or `online`)', () => {
  it('sends each queued submission exactly once, with its original Idempotency-Key', async () => {
    const queued = harness([]);
    await deliver(pending('fill-9'), KEY, queued.deps);
    const later = harness([answer(201, { body: { reference: 'LH-9' } })], { store: queued.store });
    const reports: unknown[] = [];
    await flush(KEY, later.deps, (outcome, p) => reports.push([outcome, p.id]));
    await flush(KEY, later.deps, (outcome, p) => reports.push([outcome, p.id]));
    expect(later.keys).toEqual(['fill-9']);
    expect(reports).toEqual([[{ kind: 'sent', reference: 'LH-9' }, 'fill-9']]);
    expect(load(later.store, KEY)).toEqual([]);
  });

  it('keeps a submission the server still cannot take, and sends nothing while offline', async () => {
    const store = memoryStore();
    save(store, KEY, pending());
    const down = harness([answer(503)], { store });
    await flush(KEY, down.deps, () => { throw new Error('nothing settled'); });
    expect(load(store, KEY)).toHaveLength(1);
    const offline = harness([answer(201)], { store, online: false });
    await flush(KEY, offline.deps, () => {});
    expect(offline.keys).toEqual([]);
  });

  it.each([400, 401, 403, 404, 409, 413, 422])('drops an entry the server refuses with %i and reports it, so no page view sends it again', async (status) => {
    const store = memoryStore();
    save(store, KEY, pending());
    const h = harness([answer(status, { body: { detail: 'refused' } })], { store });
    const reports: unknown[] = [];
    await flush(KEY, h.deps, (outcome) => reports.push(outcome));
    expect(reports).toEqual([{ kind: 'failed', status, detail: 'refused' }]);
    expect(load(store, KEY)).toEqual([]);
  });

  it.each([0, 408, 425, 429, 500, 502, 503])('keeps an entry that meets %i (network error, timeout, rate limit, server trouble) for later', async (status) => {
    const store = memoryStore();
    save(store, KEY, pending());
    const h = harness([answer(status)], { store });
    await flush(KEY, h.deps, () => { throw new Error('nothing settled'); });
    expect(load(store, KEY).map((p) => p.id)).toEqual(['fill-1']);
  });

  it('does not send what two simultaneous flushes (two widgets, or two tabs) both found, twice', async () => {
    const store = memoryStore();
    save(store, KEY, pending());
    const h = harness([answer(201, { body: { reference: 'LH-2' } }), answer(201, { body: { reference: 'LH-2' } })], { store });
    await Promise.all([flush(KEY, h.deps, () => {}), flush(KEY, h.deps, () => {})]);
    expect(h.keys).toEqual(['fill-1']);
  });
});

describe('outbox', () => {
  it('keeps submissions per site key, replaces one with the same id, and forgets on remove', () => {
    const store = memoryStore();
    save(store, 'pk_a', pending('1'));
    save(store, 'pk_a', { ...pending('1'), body: '{}' });
    save(store, 'pk_b', pending('2'));
    expect(load(store, 'pk_a')).toEqual([expect.objectContaining({ id: '1', body: '{}' })]);
    remove(store, 'pk_a', '1');
    expect(store.data.has(storageKey('pk_a'))).toBe(false);
    expect(load(store, 'pk_b').map((p) => p.id)).toEqual(['2']);
  });

  it('drops stale and unreadable entries, and survives storage that throws', () => {
    const store = memoryStore();
    store.setItem(storageKey(KEY), JSON.stringify([{ ...pending('old'), savedAt: Date.now() - MAX_AGE_MS - 1 }, null, pending('new')]));
    expect(load(store, KEY).map((p) => p.id)).toEqual(['new']);
    store.setItem(storageKey(KEY), '{not json');
    expect(load(store, KEY)).toEqual([]);
    expect(save(memoryStore(true), KEY, pending())).toBe(false);
    expect(load(null, KEY)).toEqual([]);
  });
});
