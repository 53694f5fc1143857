/**
 * A small in-process cache for answers that may be a few seconds stale (which
 * origins a key allows, for CORS headers): the database stays the authority
 * on every write, this only spares a query per preflight or error response.
 */
export class TtlCache<V> {
  private readonly entries = new Map<string, { value: V; expires: number }>();

  constructor(private readonly ttlMs: number, private readonly maxEntries = 5000) {}

  async get(key: string, load: () => Promise<V>): Promise<V> {
    const now = Date.now();
    const hit = this.entries.get(key);
    if (hit && hit.expires > now) return hit.value;
    const value = await load();
    // Whole-cache reset when full: simpler than LRU, and a burst of distinct keys just costs a query each.
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    this.entries.set(key, { value, expires: now + this.ttlMs });
    return value;
  }
}
