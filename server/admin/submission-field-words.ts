/**
 * Labels for the keys of a submission's payload and attribution, as staff
 * read them on the submission page (components/readable-data.tsx). Kept apart
 * from admin-locale.ts because the browser bundle imports it. A key without
 * a label here is still shown, its name in words ("home_owner" → "Home owner").
 */
export const SUBMISSION_FIELD_LABELS: Record<string, string> = {
  first_name: 'First name', last_name: 'Last name', email: 'Email', phone: 'Phone', date_of_birth: 'Date of birth',
  address: 'Address', city: 'City', state: 'State', zip_code: 'ZIP code', country: 'Country',
  product: 'Product asked for', notes: 'Notes', message: 'Message', lang: 'Language', language: 'Language',
  form_started_at: 'Form started', website: 'Hidden bot trap (left empty by people)',
  consent: 'Consent', granted: 'Consented', text: 'Text shown', version: 'Version', granted_at: 'Granted',
  trustedform_cert_url: 'TrustedForm certificate', leadid_token: 'LeadiD token',
  utm_source: 'Campaign source (utm_source)', utm_medium: 'Campaign medium (utm_medium)', utm_campaign: 'Campaign name (utm_campaign)',
  utm_term: 'Campaign term (utm_term)', utm_content: 'Campaign content (utm_content)',
  page_url: 'Page', referrer: 'Came from', source: 'Source', campaign: 'Campaign', site_key: 'Site key',
  score: 'Total score', items: 'Points', estimated_value: 'Estimated value', idempotency_key: 'Retry key',
};

/** Words for yes/no values and for a field sent without a value. */
export const VALUE_WORDS = { yes: 'Yes', no: 'No', empty: 'Not given', nothing: 'Nothing recorded.', raw: 'Show raw data' };

/** A key's label: its own, or its name in words. */
export function fieldLabel(key: string): string {
  const own = SUBMISSION_FIELD_LABELS[key];
  if (own) return own;
  const words = key.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ').trim().toLowerCase();
  return words ? words[0]!.toUpperCase() + words.slice(1) : key;
}

/** Keys holding a moment (`form_started_at`, `submitted_at`, `timestamp`): their numbers are epoch times, not counts. */
export function isTimeKey(key: string): boolean {
  return /(_at|At|_time|Time|^timestamp|^time)$/.test(key);
}
