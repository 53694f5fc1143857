import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/core';
// The metadata as its JS module: libphonenumber-js/min imports the JSON file without an import attribute, which Jest warns about.
import metadata from 'libphonenumber-js/min/metadata';
import type { z } from 'zod';
import {
  DATE_PATTERN, MESSAGES, checkDateOfBirth, checkState, checkZip, checkZipState, isUsa, type FieldErrorCode,
} from '../../models/lead-rules.js';
import type { FieldError } from '../errors.js';
import { LEAD_SUBMISSION_FIELDS, leadSubmissionSchema, type LeadSubmissionBody } from './intake.schema.js';

/** A submission that passed every rule, with its values normalised for storage. */
export interface ValidSubmission {
  body: LeadSubmissionBody;
  /** Columns of the leads row, normalised: lower-case email, E.164 phone, upper-case state, USA spelled one way. */
  lead: {
    first_name: string; last_name: string; email: string; phone: string | null; date_of_birth: string | null;
    address: string | null; city: string | null; state: string | null; zip_code: string | null; country: string;
    notes: string | null;
  };
}

const CODE_BY_MESSAGE = new Map<string, FieldErrorCode>(
  Object.entries(MESSAGES).filter(([, m]) => typeof m === 'string').map(([code, m]) => [m as string, code as FieldErrorCode]),
);

function fieldError(field: string, code: FieldErrorCode | 'unknown_field' | 'invalid_value', message: string): FieldError {
  return { field, code, message };
}

/** The accepted field closest to a misspelt one, when it is close enough to be a typo. */
function suggestion(key: string): string | undefined {
  const distance = (a: string, b: string) => {
    const row = Array.from({ length: b.length + 1 }, (_, i) => i);
    for (let i = 1; i <= a.length; i++) {
      let previous = row[0]!;
      row[0] = i;
      for (let j = 1; j <= b.length; j++) {
        const current = row[j]!;
        row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
        previous = current;
      }
    }
    return row[b.length]!;
  };
  const lower = key.toLowerCase().replace(/[\s-]/g, '_');
  const best = LEAD_SUBMISSION_FIELDS.map((f) => ({ f, d: distance(lower, f) })).sort((a, b) => a.d - b.d)[0];
  return best && best.d <= Math.max(2, Math.floor(best.f.length / 4)) ? best.f : undefined;
}

function fromZod(issues: z.core.$ZodIssue[]): FieldError[] {
  return issues.flatMap((issue): FieldError[] => {
    const field = issue.path.length > 0 ? issue.path.join('.') : 'body';
    if (issue.code === 'unrecognized_keys') {
      const prefix = field === 'body' ? '' : `${field}.`;
      return issue.keys.map((key) => {
        const close = prefix === '' ? suggestion(key) : undefined;
        return fieldError(`${prefix}${key}`, 'unknown_field',
          `Unknown field "${key}"${close ? `: did you mean "${close}"?` : '.'} Accepted fields are listed at /api/docs.`);
      });
    }
    if (issue.code === 'invalid_type') {
      return [fieldError(field, issue.input === undefined ? 'required' : 'invalid_type', issue.message)];
    }
    if (issue.code === 'too_big') return [fieldError(field, 'too_long', issue.message)];
    return [fieldError(field, CODE_BY_MESSAGE.get(issue.message) ?? 'invalid_value', issue.message)];
  });
}

type Field = keyof LeadSubmissionBody;

/** Rules across fields (the country decides the state, ZIP and phone formats), applied to every field that passed its own rules. */
function crossFieldErrors(value: <F extends Field>(f: F) => LeadSubmissionBody[F] | undefined, now: Date): FieldError[] {
  const errors: FieldError[] = [];
  const add = (field: string, code: FieldErrorCode | null) => { if (code) errors.push(fieldError(field, code, MESSAGES[code] as string)); };
  const country = value('country');
  const dob = value('date_of_birth');
  if (dob && DATE_PATTERN.test(dob)) add('date_of_birth', checkDateOfBirth(dob, now));
  const state = value('state');
  if (state) add('state', checkState(state, country));
  const zip = value('zip_code');
  if (zip) add('zip_code', checkZip(zip, country));
  const mismatch = zip && state ? checkZipState(zip, state, country) : null;
  if (mismatch) errors.push(fieldError('zip_code', 'zip_state_mismatch', MESSAGES.zip_state_mismatch(mismatch)));
  const phone = value('phone');
  if (phone) {
    const number = e164(phone, country);
    // A number of the right length that its numbering plan has no room for (area code 111, exchange 012) is as useless to an agent as a wrong one.
    add('phone', !number ? 'invalid_phone' : !number.valid ? 'unassigned_phone' : null);
  }
  const consent = value('consent');
  if (consent?.granted && !consent.text) add('consent.text', 'consent_text_required');
  return errors;
}

function phoneCountry(country: string | null | undefined): CountryCode | undefined {
  if (isUsa(country)) return 'US';
  const code = country?.trim().toUpperCase();
  return code && /^[A-Z]{2}$/.test(code) ? (code as CountryCode) : undefined;
}

/** The number in E.164, or null when it cannot be a phone number (wrong length for its country, or no country to read it in). */
function e164(phone: string, country: string | null | undefined): { number: string; valid: boolean } | null {
  const parsed = parsePhoneNumberFromString(phone, { defaultCountry: phoneCountry(country) }, metadata);
  if (!parsed || !parsed.isPossible()) return null;
  return { number: parsed.number, valid: parsed.isValid() };
}

/**
 * Checks a request body against the contract and every cross-field rule,
 * reporting every failing field at once (one message per field), and
 * normalises what passes.
 */
export function validateSubmission(raw: unknown, now = new Date()):
  { ok: true; value: ValidSubmission } | { ok: false; errors: FieldError[] } {
  // The input on each issue tells a missing field (required) from one of the wrong type (invalid_type).
  const parsed = leadSubmissionSchema.safeParse(raw, { reportInput: true });
  const shape = leadSubmissionSchema.shape;
  const record = raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? raw as Record<string, unknown> : {};
  // When some field failed, each other field is still checked on its own so cross-field rules see tidied values.
  const value = <F extends Field>(f: F): LeadSubmissionBody[F] | undefined => {
    if (parsed.success) return parsed.data[f];
    const own = (shape[f] as z.ZodType).safeParse(record[f]);
    return own.success ? own.data as LeadSubmissionBody[F] : undefined;
  };
  const errors = [...(parsed.success ? [] : fromZod(parsed.error.issues)), ...crossFieldErrors(value, now)];
  if (!parsed.success || errors.length > 0) {
    const seen = new Set<string>();
    return { ok: false, errors: errors.filter((e) => !seen.has(e.field) && seen.add(e.field)) };
  }
  const body = parsed.data;
  const usa = isUsa(body.country);
  const phone = body.phone ? e164(body.phone, body.country) : null;
  return {
    ok: true,
    value: {
      body,
      lead: {
        first_name: body.first_name,
        last_name: body.last_name,
        email: body.email.toLowerCase(),
        phone: phone?.number ?? null,
        date_of_birth: body.date_of_birth ?? null,
        address: body.address ?? null,
        city: body.city ?? null,
        state: body.state ? (usa ? body.state.toUpperCase() : body.state) : null,
        zip_code: body.zip_code ? (usa && /^\d{9}$/.test(body.zip_code) ? `${body.zip_code.slice(0, 5)}-${body.zip_code.slice(5)}` : body.zip_code) : null,
        country: usa ? 'USA' : body.country!,
        notes: body.notes ?? null,
      },
    },
  };
}
