import { createHash } from 'node:crypto';

/**
 * JSON with every object's keys sorted, recursively, and no spacing: one
 * text per value, so a retry whose client serialised the same lead with
 * other spacing or key order is recognised as the same request.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    return `{${Object.keys(record).sort().map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** SHA-256 of the parsed body's canonical form: tells an idempotent replay from a reuse of its key with another body. */
export const requestHash = (json: unknown): string => createHash('sha256').update(canonicalJson(json)).digest('hex');
