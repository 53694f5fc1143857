import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/core';
// The metadata as its JS module: libphonenumber-js/min imports the JSON file without an import attribute, which Jest warns about.
import metadata from 'libphonenumber-js/min/metadata';
import {
  DATE_PATTERN, MESSAGES, checkDateOfBirth, checkState, checkZip, checkZipState, isUsa, type FieldErrorCode,
} from './lead-rules.js';

/**
 * The rules across a lead's contact columns (the country decides how the
 * state, ZIP and phone are read) and the one normalisation for storage,
 * shared by the intake API (server/intake/intake.validate.ts) and the
 * admin's lead form (server/admin/resources/lead-form-rules.ts), so a lead
 * typed by staff is held to what a partner's submission is. Server only:
 * the phone metadata stays out of the widget, which checks the pattern.
 */

/** A lead's contact columns as their own rules left them: tidied strings, absent when blank. */
export interface LeadContact {
  phone?: string | null; date_of_birth?: string | null; state?: string | null; zip_code?: string | null; country?: string | null;
}

export interface LeadFieldError { field: keyof LeadContact; code: FieldErrorCode; message: string }

function phoneCountry(country: string | null | undefined): CountryCode | undefined {
  if (isUsa(country)) return 'US';
  const code = country?.trim().toUpperCase();
  return code && /^[A-Z]{2}$/.test(code) ? (code as CountryCode) : undefined;
}

/** The number in E.164, or null when it cannot be a phone number (wrong length for its country, or no country to read it in). */
export function e164(phone: string, country: string | null | undefined): { number: string; valid: boolean } | null {
  const parsed = parsePhoneNumberFromString(phone, { defaultCountry: phoneCountry(country) }, metadata);
  if (!parsed || !parsed.isPossible()) return null;
  return { number: parsed.number, valid: parsed.isValid() };
}

/** Each contact column's failure, at most one per column: date of birth in range, US state and ZIP (and that they agree), a real phone. */
export function leadContactErrors(lead: LeadContact, now = new Date()): LeadFieldError[] {
  const errors: LeadFieldError[] = [];
  const add = (field: keyof LeadContact, code: FieldErrorCode | null) => { if (code) errors.push({ field, code, message: MESSAGES[code] as string }); };
  const { country, date_of_birth: dob, state, zip_code: zip, phone } = lead;
  if (dob && DATE_PATTERN.test(dob)) add('date_of_birth', checkDateOfBirth(dob, now));
  if (state) add('state', checkState(state, country));
  if (zip) add('zip_code', checkZip(zip, country));
  const mismatch = zip && state ? checkZipState(zip, state, country) : null;
  if (mismatch) errors.push({ field: 'zip_code', code: 'zip_state_mismatch', message: MESSAGES.zip_state_mismatch(mismatch) });
  if (phone) {
    const number = e164(phone, country);
    // A number of the right length that its numbering plan has no room for (area code 111, exchange 012) is as useless to an agent as a wrong one.
    add('phone', !number ? 'invalid_phone' : !number.valid ? 'unassigned_phone' : null);
  }
  return errors;
}

/**
 * The stored spelling of columns that passed their rules: lower-case email,
 * E.164 phone, upper-case US state, a 9-digit ZIP as ZIP+4, USA spelled one
 * way. Only the columns given are returned, so an edit normalises what it changes.
 */
export function normaliseLeadContact<T extends LeadContact & { email?: string | null }>(lead: T): Partial<T> {
  const usa = isUsa(lead.country);
  const out: Partial<Record<keyof LeadContact | 'email', string | null>> = {};
  if (lead.email != null) out.email = lead.email.toLowerCase();
  if (lead.phone !== undefined) out.phone = lead.phone ? e164(lead.phone, lead.country)?.number ?? lead.phone : null;
  if (lead.state !== undefined) out.state = lead.state && usa ? lead.state.toUpperCase() : lead.state;
  if (lead.zip_code !== undefined) {
    out.zip_code = lead.zip_code && usa && /^\d{9}$/.test(lead.zip_code) ? `${lead.zip_code.slice(0, 5)}-${lead.zip_code.slice(5)}` : lead.zip_code;
  }
  if (lead.country !== undefined) out.country = usa ? 'USA' : lead.country;
  return out as Partial<T>;
}
