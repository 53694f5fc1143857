import { ValidationError, flat, type ActionRequest, type PropertyErrors } from 'adminjs';
import type { z } from 'zod';
import { tidyText } from '../../../models/lead-rules.js';
import { missingConsentText, type WidgetTheme } from '../../../models/site-key.model.js';
import { newPublishableKey } from '../../auth/keys.js';
import { consentSchema } from '../../intake/intake.schema.js';

/** `#rgb` or `#rrggbb`: what the widget's colour variables accept, and nothing a stylesheet could misread. */
const HEX_COLOUR = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i;
/** A CSS length such as `8px` or `0.5rem`. */
const CSS_LENGTH = /^\d{1,3}(\.\d{1,3})?(px|rem|em|%)?$/;
/** Font names, commas, quotes and spaces: a font stack, never a CSS declaration. */
const FONT_STACK = /^[\w\s,'"-]{1,200}$/;

type ThemeField = keyof WidgetTheme;
const THEME_RULES: Record<ThemeField, { pattern: RegExp; message: string }> = {
  primary_color: { pattern: HEX_COLOUR, message: 'Enter a colour as #rgb or #rrggbb, like #0a66c2.' },
  text_color: { pattern: HEX_COLOUR, message: 'Enter a colour as #rgb or #rrggbb, like #1f2933.' },
  background_color: { pattern: HEX_COLOUR, message: 'Enter a colour as #rgb or #rrggbb, like #ffffff.' },
  radius: { pattern: CSS_LENGTH, message: 'Enter a length such as 8px or 0.5rem.' },
  font_family: { pattern: FONT_STACK, message: 'Enter font names separated by commas, like Inter, sans-serif.' },
};
export const THEME_FIELDS = Object.keys(THEME_RULES) as ThemeField[];

/** Form fields the database or the intake API maintain: never taken from a form. */
const SERVER_FIELDS = ['key', 'last_used_at', 'created_at', 'updated_at'];

type Payload = Record<string, unknown>;

/**
 * The theme as one object, checked field by field. The form sends it
 * flattened (`theme.primary_color`); a blank field is left out so the widget
 * uses its default. `undefined` when the form sent no theme field at all,
 * so an edit without them leaves the saved theme alone.
 */
function themeFrom(payload: Payload, errors: PropertyErrors): WidgetTheme | undefined {
  const sent = Object.keys(payload).some((key) => key === 'theme' || key.startsWith('theme.'));
  if (!sent) return undefined;
  const raw = (flat.get(payload as Parameters<typeof flat.get>[0], 'theme') ?? {}) as Record<string, unknown>;
  const theme: WidgetTheme = {};
  for (const field of THEME_FIELDS) {
    const value = typeof raw[field] === 'string' ? (raw[field] as string).trim() : '';
    if (value === '') continue;
    if (THEME_RULES[field].pattern.test(value)) theme[field] = value;
    else errors[`theme.${field}`] = { message: THEME_RULES[field].message, type: 'invalid' };
  }
  return theme;
}

/** The consent fields, tidied as the intake API tidies them: the texts keep their lines, the version is one line. */
const CONSENT_FIELDS: Record<string, boolean> = { consent_text: true, consent_text_es: true, consent_version: false };

/** A form's `is_active`: a checkbox sends `true`/`false` as text, JSON sends booleans; absent is undefined. */
function activeFrom(value: unknown): boolean | undefined {
  if (value === undefined) return undefined;
  return !(value === false || value === 'false' || value === '0' || value === '');
}

/** The intake API's rules for what the widget echoes back from these fields (consent.text and consent.version). */
const API_CONSENT_RULES: Record<string, z.ZodType> = {
  consent_text: consentSchema.shape.text, consent_text_es: consentSchema.shape.text, consent_version: consentSchema.shape.version,
};

/**
 * The consent texts tidied as the intake API tidies `consent.text` (line
 * breaks as LF, spaces collapsed; blank is none), then checked against the
 * key as it will be saved: the form's values over `saved`'s.
 */
function consentFrom(params: Payload, saved: Payload | undefined, errors: PropertyErrors): Payload {
  const texts: Payload = {};
  for (const [field, multiline] of Object.entries(CONSENT_FIELDS)) {
    if (!(field in params)) continue;
    const value = params[field];
    const tidied = typeof value === 'string' ? tidyText(value, multiline) : value ?? null;
    texts[field] = tidied === '' ? null : tidied;
  }
  const pick = (field: string) => (field in texts ? texts[field] : saved?.[field]) as string | null | undefined;
  // The intake API's own rules: the widget sends these words back with every submission, so a text or
  // version the API refuses (too long, a control character, "v2 <final>") would make every lead from this key a 422.
  for (const [field, rule] of Object.entries(API_CONSENT_RULES)) {
    const checked = rule.safeParse(pick(field) ?? undefined);
    if (!checked.success) errors[field] = { message: checked.error.issues[0]!.message, type: 'invalid' };
  }
  const missing = errors.consent_text ? null : missingConsentText({
    is_active: activeFrom(params.is_active) ?? activeFrom(saved?.is_active) ?? true, consent_text: pick('consent_text'),
  });
  if (missing) errors.consent_text = { message: missing, type: 'invalid' };
  return texts;
}

/**
 * Checks a site key's form and returns what to save: the theme as one
 * object, validated field by field, and the consent texts tidied and
 * required on an active key (its references are checked by the scoped
 * resource, like every other). `saved` is the key as stored, on edit.
 * Throws a ValidationError naming each bad field. Called by
 * the adapter (site-key-adapter.ts) rather than a `before` hook, so AdminJS
 * answers with the values the user typed next to the errors.
 */
export function validSiteKeyParams(params: Payload, saved?: Payload): Payload {
  const errors: PropertyErrors = {};
  const theme = themeFrom(params, errors);
  const consent = consentFrom(params, saved, errors);
  if (Object.keys(errors).length) throw new ValidationError(errors);
  const rest = Object.fromEntries(Object.entries(params).filter(([key]) => key !== 'theme' && !key.startsWith('theme.')));
  return { ...rest, ...consent, ...(theme === undefined ? {} : { theme }) };
}

/**
 * Before new and edit: fields the server maintains are dropped from the
 * form, and on create the key is made here, never typed.
 */
export function siteKeyForm(creating: boolean) {
  return async (request: ActionRequest): Promise<ActionRequest> => {
    if (request.method !== 'post' || !request.payload) return request;
    const payload: Payload = Object.fromEntries(Object.entries(request.payload as Payload).filter(([key]) => !SERVER_FIELDS.includes(key)));
    if (creating) payload.key = newPublishableKey();
    request.payload = payload;
    return request;
  };
}
