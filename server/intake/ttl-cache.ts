/**
 * A small in-process cache for answers that may be a few seconds stale (which
 * origins a key allows, for CORS headers): the database stays the authority
 * on every write, this only spares a query per preflight or error response.
 */
export class TtlCache<V> {
  private readonly entries = new Map<string, { value: V; expires: number }>();

  /**
   * `staleIfError`: for how long past its expiry an answer is still used when
   * reloading it fails in a way `useStale` accepts (the database is down), as
   * HTTP's stale-if-error does; 0 never.
   */
  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 5000,
    private readonly staleIfError: { ms: number; useStale: (error: unknown) => boolean } = { ms: 0, useStale: () => false },
  ) {}

  async get(key: string, load: () => Promise<V>): Promise<V> {
    const now = Date.now();
    const hit = this.entries.get(key);
    if (hit && hit.expires > now) return hit.value;
    let value: V;
    try {
      value = await load();
    } catch (error) {
      if (hit && hit.expires + this.staleIfError.ms > now && this.staleIfError.useStale(error)) return hit.value;
      throw error;
    }
    this.set(key, value, now);
    return value;
  }

  /** Records an answer learnt elsewhere (e.g. the database just enforced it). */
  set(key: string, value: V, now = Date.now()): void {
    // Whole-cache reset when full: simpler than LRU, and a burst of distinct keys just costs a query each.
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    this.entries.set(key, { value, expires: now + this.ttlMs });
  }
}
