/**
 * Submissions that could not be delivered yet, kept in localStorage per site
 * key until the server has answered them. Each keeps its Idempotency-Key,
 * so sending one twice (two tabs, or an `online` event racing a page view)
 * still makes one lead: the server replays the first answer.
 */
export interface Pending {
  /** Idempotency-Key of the fill. */
  id: string;
  /** The JSON body exactly as first sent: the same key with another body would be a 409. */
  body: string;
  /** The intake endpoint it goes to. */
  url: string;
  savedAt: number;
}

/** What the outbox needs of `localStorage`; tests pass a plain object. */
export type Store = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** Older than the server keeps idempotency keys (a day) the replay guarantee is gone; a week-old quote request is stale anyway. */
export const MAX_AGE_MS = 7 * 24 * 3600 * 1000;

export const storageKey = (siteKey: string): string => `leadharbor:outbox:${siteKey}`;

/** The pending submissions of a site key, dropping stale and unreadable entries. */
export function load(store: Store | null, siteKey: string, now = Date.now()): Pending[] {
  try {
    const list = JSON.parse(store?.getItem(storageKey(siteKey)) ?? '[]') as Pending[];
    return Array.isArray(list) ? list.filter((p) => p && typeof p.id === 'string' && now - p.savedAt < MAX_AGE_MS) : [];
  } catch {
    return [];
  }
}

function write(store: Store | null, siteKey: string, list: Pending[]): boolean {
  try {
    if (list.length === 0) store?.removeItem(storageKey(siteKey));
    else store?.setItem(storageKey(siteKey), JSON.stringify(list));
    return !!store;
  } catch {
    return false; // storage full or blocked (private mode): the caller tells the visitor
  }
}

/** Adds or replaces (same id) a pending submission; false when it could not be stored. */
export function save(store: Store | null, siteKey: string, entry: Pending): boolean {
  return write(store, siteKey, [...load(store, siteKey).filter((p) => p.id !== entry.id), entry]);
}

/** Forgets a submission the server has answered. */
export function remove(store: Store | null, siteKey: string, id: string): void {
  write(store, siteKey, load(store, siteKey).filter((p) => p.id !== id));
}

/** localStorage, or null where reading it throws (blocked third-party storage, sandboxed frames). */
export function browserStore(): Store | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}
