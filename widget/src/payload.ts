import { CONTROL_CHARACTERS, PLAIN_TEXT_PATTERN, SHORT_TEXT_MAX, URL_MAX, URL_PATTERN, replaceLoneSurrogates, tidyText } from '../../models/lead-rules.js';
import { RULES, apiValue, clean } from './validate.js';
import type { Lang, Values, WidgetConfig } from './types.js';

const UTM = ['utm_source', 'utm_medium', 'utm_campaign', 'utm_term', 'utm_content'] as const;

/** `value` with every lone surrogate replaced by U+FFFD: the API refuses ill-formed text, which JSON.stringify would send as `\\udXXX`. */
export function wellFormed(value: string): string {
  const own = (value as { toWellFormed?: () => string }).toWellFormed;
  return own ? own.call(value) : replaceLoneSurrogates(value);
}

/**
 * At most `max` UTF-16 units (the API's unit), cut between code points: an
 * emoji is kept whole or left out, never halved into a lone surrogate.
 */
export function cut(value: string, max: number): string {
  const kept = wellFormed(value).slice(0, max);
  return /[\ud800-\udbff]$/.test(kept) ? kept.slice(0, -1) : kept;
}

/** A URL cut to `max`, without a dangling half of a %XX escape at the end. */
const cutUrl = (value: string, max: number): string => cut(value, max).replace(/%[\da-f]?$/i, '');

/**
 * The page's attribution: its utm_* parameters, its URL and its referrer.
 * The visitor never sees these fields, so anything the API would refuse is
 * repaired or left out rather than allowed to fail the submission.
 */
export function attribution(href: string, referrer: string): Record<string, string> {
  const out: Record<string, string> = {};
  let params: URLSearchParams;
  try {
    params = new URL(href).searchParams;
  } catch {
    params = new URLSearchParams();
  }
  for (const name of UTM) {
    const value = cut(tidyText(params.get(name) ?? '').replace(/[<>]/g, ''), SHORT_TEXT_MAX).trim();
    if (value && PLAIN_TEXT_PATTERN.test(value) && !CONTROL_CHARACTERS.test(value)) out[name] = value;
  }
  const url = (value: string) => (URL_PATTERN.test(value) ? cutUrl(value, URL_MAX) : undefined);
  const page = url(href);
  const from = url(referrer);
  if (page) out.page_url = page;
  if (from) out.referrer = from;
  return out;
}

export interface BodyContext {
  config: WidgetConfig;
  /** The visitor's language: the order their date of birth is typed in. */
  lang: Lang;
  startedAt: number;
  href: string;
  referrer: string;
}

/** The intake API body for a filled form: visible fields tidied (the date of birth in ISO), consent with its exact text and language, honeypot and start time. */
export function buildBody(values: Values, ctx: BodyContext): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const field of ['product', ...Object.keys(RULES)] as (keyof Values)[]) {
    const value = clean(apiValue(field, values[field] as string | undefined, ctx.lang));
    if (value) body[field] = value;
  }
  const { text, version, language } = ctx.config.consent;
  // Without a consent text there is nothing the visitor could have agreed to.
  if (text) body.consent = { granted: !!values.consent, text, ...(version ? { version } : {}), ...(language ? { language } : {}) };
  if (values.website) body.website = cut(values.website, SHORT_TEXT_MAX);
  body.form_started_at = ctx.startedAt;
  Object.assign(body, attribution(ctx.href, ctx.referrer));
  // Whatever the visitor pasted: one lone surrogate would make the API refuse the whole submission.
  for (const [name, value] of Object.entries(body)) if (typeof value === 'string') body[name] = wellFormed(value);
  return body;
}

/** A v4 UUID; crypto.randomUUID exists only on https pages, and partner pages are not all https. */
export function uuid(): string {
  if (crypto.randomUUID) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 15) | 64;
  b[8] = (b[8]! & 63) | 128;
  const hex = Array.from(b, (x) => (x + 256).toString(16).slice(1)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
