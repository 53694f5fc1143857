import type { z } from 'zod';
import { MESSAGES, type FieldErrorCode } from '../../models/lead-rules.js';
import { leadContactErrors, normaliseLeadContact } from '../../models/lead-columns.js';
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
  const errors: FieldError[] = leadContactErrors({
    country: value('country'), date_of_birth: value('date_of_birth'), state: value('state'), zip_code: value('zip_code'), phone: value('phone'),
  }, now);
  const consent = value('consent');
  if (consent?.granted && !consent.text) errors.push(fieldError('consent.text', 'consent_text_required', MESSAGES.consent_text_required));
  return errors;
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
  const contact = normaliseLeadContact({
    email: body.email, phone: body.phone ?? null, state: body.state ?? null, zip_code: body.zip_code ?? null, country: body.country ?? null,
  });
  return {
    ok: true,
    value: {
      body,
      lead: {
        first_name: body.first_name,
        last_name: body.last_name,
        email: contact.email!,
        phone: contact.phone ?? null,
        date_of_birth: body.date_of_birth ?? null,
        address: body.address ?? null,
        city: body.city ?? null,
        state: contact.state ?? null,
        zip_code: contact.zip_code ?? null,
        country: contact.country!,
        notes: body.notes ?? null,
      },
    },
  };
}
