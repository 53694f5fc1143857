import { MESSAGES, replaceLoneSurrogates } from '../../models/lead-rules.js';
import { validateSubmission } from '../../server/intake/intake.validate.js';
import { STEP_FIELDS, checkSteps, placeErrors, stepOf } from '../../widget/src/flow.js';
import { MESSAGES_ES } from '../../widget/src/words/es-messages.js';
import { attribution, buildBody, cut, uuid, wellFormed } from '../../widget/src/payload.js';
import { DATE_INPUT, inputError, isoDate, maskDate } from '../../widget/src/validate.js';
import type { WidgetConfig } from '../../widget/src/types.js';

const NOW = new Date('2026-06-15T12:00:00Z');
const CONFIG: WidgetConfig = {
  organization: { name: 'Alpha Agency' },
  products: [{ value: 'auto', label: 'Auto' }, { value: 'home', label: 'Home' }],
  consent: { text: 'I agree that Alpha Agency may call me.\nConsent is not a condition of purchase.', version: 'v3', language: 'en' },
  theme: {},
};
const FILLED = {
  product: 'auto', first_name: '  Maria ', last_name: 'Garcia', date_of_birth: '1985-04-12', zip_code: '94107', state: 'CA',
  email: 'maria@example.com', phone: '(415) 555-0132', consent: true,
};
const context = (href = 'https://partner.example/quote?utm_source=google&utm_medium=cpc&utm_campaign=spring&x=1', referrer = 'https://www.google.com/') =>
  ({ config: CONFIG, lang: 'en' as const, startedAt: 1_780_000_000_000, href, referrer });

describe('the body the widget sends', () => {
  it('is accepted by the intake API as is: tidied fields, the exact consent text and version, start time and attribution', () => {
    const body = buildBody(FILLED, context());
    expect(body).toEqual({
      product: 'auto', first_name: 'Maria', last_name: 'Garcia', date_of_birth: '1985-04-12', zip_code: '94107', state: 'CA',
      email: 'maria@example.com', phone: '(415) 555-0132',
      consent: { granted: true, text: CONFIG.consent.text, version: 'v3', language: 'en' },
      form_started_at: 1_780_000_000_000,
      utm_source: 'google', utm_medium: 'cpc', utm_campaign: 'spring',
      page_url: 'https://partner.example/quote?utm_source=google&utm_medium=cpc&utm_campaign=spring&x=1', referrer: 'https://www.google.com/',
    });
    expect(validateSubmission(JSON.parse(JSON.stringify(body)), NOW)).toMatchObject({ ok: true });
  });

  it('leaves out empty optional fields, sends an unticked box as not granted, and passes the honeypot on', () => {
    const body = buildBody({ first_name: 'Ana', last_name: 'Ruiz', email: 'ana@example.com', phone: ' ', website: 'spam.example' }, context('https://partner.example/', ''));
    expect(body).toEqual({
      first_name: 'Ana', last_name: 'Ruiz', email: 'ana@example.com', consent: { granted: false, text: CONFIG.consent.text, version: 'v3', language: 'en' },
      website: 'spam.example', form_started_at: 1_780_000_000_000, page_url: 'https://partner.example/',
    });
    expect(validateSubmission(body, NOW)).toMatchObject({ ok: true });
  });

  it('sends no consent object when the configuration has no consent text to agree to', () => {
    const body = buildBody(FILLED, { ...context(), config: { ...CONFIG, consent: { text: '', version: null, language: 'en' } } });
    expect(body).not.toHaveProperty('consent');
  });

  it('drops or repairs attribution the API would refuse, since the visitor cannot fix a hidden field', () => {
    const long = `https://partner.example/?q=${'x'.repeat(3000)}`;
    const found = attribution(`${long}&utm_source=%3Cscript%3E&utm_medium=${'m'.repeat(300)}&utm_term=%00bad&utm_content=%20%20ok%20%20`, 'android-app://com.google');
    expect(found.utm_source).toBe('script');
    expect(found.utm_medium).toHaveLength(255);
    expect(found).not.toHaveProperty('utm_term');
    expect(found.utm_content).toBe('ok');
    expect(found.page_url).toHaveLength(2048);
    expect(found).not.toHaveProperty('referrer');
    expect(attribution('file:///C:/partner/index.html', '')).toEqual({});
    expect(validateSubmission({ first_name: 'A', last_name: 'B', email: 'a@b.co', ...found }, NOW)).toMatchObject({ ok: true });
  });

  it('cuts copied page values between code points, so a long emoji-laden utm_campaign never ends in half an emoji', () => {
    const campaign = `spring${'😀'.repeat(200)}`; // 406 UTF-16 units; unit 255 is the first half of the 125th emoji
    const found = attribution(`https://partner.example/?utm_campaign=${encodeURIComponent(campaign)}`, '');
    expect(found.utm_campaign).toBe(`spring${'😀'.repeat(124)}`); // 254 units: the 125th emoji left out whole
    expect(wellFormed(found.utm_campaign!)).toBe(found.utm_campaign);
    // One unit more or less: the cut lands inside the pair and drops the whole emoji.
    expect(cut('ab😀', 3)).toBe('ab');
    expect(cut('ab😀', 4)).toBe('ab😀');
    expect(cut('👩‍👩‍👧', 4)).toBe('👩\u200d'); // code points, not graphemes: still well-formed
    expect(validateSubmission({ first_name: 'A', last_name: 'B', email: 'a@b.co', ...found }, NOW)).toMatchObject({ ok: true });
  });

  it('never sends a lone surrogate: replaced in pasted fields and page values, and a URL cut mid-escape loses the broken escape', () => {
    expect(wellFormed('a\ud83d')).toBe('a\ufffd');
    expect(wellFormed('\ude00b')).toBe('\ufffdb');
    expect(wellFormed('\ude00\ud83d')).toBe('\ufffd\ufffd');
    expect(wellFormed('ok 😀')).toBe('ok 😀');
    // Browsers without String.prototype.toWellFormed (Safari before 16.4 among them) take this path.
    for (const text of ['a\ud83d', '\ude00b', '\ude00\ud83d', 'ok 😀', '\ud83d\ud83d\ude00', '']) {
      expect(replaceLoneSurrogates(text)).toBe((text as string & { toWellFormed(): string }).toWellFormed());
    }
    const body = buildBody({ ...FILLED, website: 'bot\ud800' }, context('https://partner.example/?utm_term=x%ED%A0%BD', ''));
    const text = JSON.stringify(body);
    expect(text).not.toMatch(/\\ud[89a-f]/i);
    expect(body.website).toBe('bot\ufffd');
    const page = attribution(`https://partner.example/?q=${'a'.repeat(2010)}%F0%9F%98%80`, '').page_url!;
    expect(page.length).toBeLessThanOrEqual(2048);
    expect(page).toMatch(/a%F0%9F%98$/); // 2049 units cut at 2048 would leave `%8`
  });

  it('gets a fresh v4 UUID as Idempotency-Key', () => {
    const [a, b] = [uuid(), uuid()];
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(a).not.toBe(b);
  });
});

describe('steps and errors', () => {
  it('checks only the fields of the steps asked for, clearing the valid ones, and names the first step with an error', () => {
    const values = { ...FILLED, first_name: '', email: 'nope' };
    expect(checkSteps(values, 'en', [2], undefined, NOW)).toEqual({ errors: { email: MESSAGES.invalid_email, phone: undefined }, first: 2 });
    const all = checkSteps(values, 'es', [0, 1, 2], { offered: ['home'], message: 'Elige' }, NOW);
    expect(all.first).toBe(0);
    expect(all.errors).toMatchObject({ product: 'Elige', first_name: MESSAGES_ES.required, last_name: undefined, email: MESSAGES_ES.invalid_email });
    expect(checkSteps(FILLED, 'en', [0, 1, 2], { offered: ['auto'], message: 'Choose' }, NOW)).toEqual(expect.objectContaining({ first: undefined }));
  });

  it('puts a 422\'s errors on their fields and steps, in Spanish when the code is known, keeping the rest apart', () => {
    const problems = [
      { field: 'phone', code: 'invalid_phone', message: MESSAGES.invalid_phone },
      { field: 'zip_code', code: 'invalid_zip', message: MESSAGES.invalid_zip },
      { field: 'product', code: 'product_not_offered', message: 'This site does not offer that product.' },
      { field: 'utm_source', code: 'invalid_text', message: MESSAGES.invalid_text },
    ];
    const en = placeErrors(problems, 'en');
    expect(en).toEqual({
      errors: { phone: MESSAGES.invalid_phone, zip_code: MESSAGES.invalid_zip, product: 'This site does not offer that product.' },
      first: 0, rest: [problems[3]],
    });
    expect(placeErrors(problems.slice(0, 2), 'es')).toMatchObject({ errors: { phone: MESSAGES_ES.invalid_phone }, first: 1 });
  });

  it('knows the step of every field the visitor fills, and of consent.text', () => {
    expect(STEP_FIELDS.flat()).toEqual(['product', 'first_name', 'last_name', 'date_of_birth', 'zip_code', 'state', 'email', 'phone', 'consent', 'website']);
    expect([stepOf('email'), stepOf('consent.text'), stepOf('state'), stepOf('notes')]).toEqual([2, 3, 1, undefined]);
  });
});

describe('the date of birth, as visitors write it', () => {
  it('reads MM/DD/YYYY in English and DD/MM/YYYY in Spanish, and sends YYYY-MM-DD', () => {
    expect(isoDate('04/12/1985', 'en')).toBe('1985-04-12');
    expect(isoDate('12/04/1985', 'es')).toBe('1985-04-12');
    expect(isoDate('4/2/1985', 'en')).toBe('1985-04-02');
    expect(isoDate(' 1985-04-12 ', 'es')).toBe('1985-04-12');
    expect(buildBody({ ...FILLED, date_of_birth: '04/12/1985' }, context()).date_of_birth).toBe('1985-04-12');
    expect(buildBody({ ...FILLED, date_of_birth: '12/04/1985' }, { ...context(), lang: 'es' }).date_of_birth).toBe('1985-04-12');
    expect(validateSubmission(JSON.parse(JSON.stringify(buildBody({ ...FILLED, date_of_birth: '12/04/1985' }, { ...context(), lang: 'es' }))), NOW))
      .toMatchObject({ ok: true, value: { lead: { date_of_birth: '1985-04-12' } } });
  });

  it('names the visitor\'s own format when the date is not a real one, and keeps the age rule', () => {
    expect(inputError('date_of_birth', '02/30/1990', 'en', NOW)).toBe(DATE_INPUT.en.invalid);
    expect(inputError('date_of_birth', '30/02/1990', 'es', NOW)).toBe(DATE_INPUT.es.invalid);
    expect(inputError('date_of_birth', '13/01/1990', 'en', NOW)).toBe('Enter a real date as MM/DD/YYYY, like 04/12/1985.');
    expect(inputError('date_of_birth', '13/01/1990', 'es', NOW)).toBeUndefined();
    expect(inputError('date_of_birth', '1990', 'en', NOW)).toBe(DATE_INPUT.en.invalid);
    expect(inputError('date_of_birth', '06/16/2010', 'en', NOW)).toBe(MESSAGES.age_out_of_range);
    expect(inputError('date_of_birth', '15/06/2010', 'es', NOW)).toBeUndefined();
    expect(inputError('date_of_birth', '', 'en', NOW)).toBeUndefined();
    expect(checkSteps({ ...FILLED, date_of_birth: '02/30/1990' }, 'en', [1], undefined, NOW))
      .toEqual({ errors: expect.objectContaining({ date_of_birth: DATE_INPUT.en.invalid }), first: 1 });
  });

  it('shows a server\'s invalid_date on the field in the visitor\'s format', () => {
    expect(placeErrors([{ field: 'date_of_birth', code: 'invalid_date', message: MESSAGES.invalid_date }], 'en').errors)
      .toEqual({ date_of_birth: DATE_INPUT.en.invalid });
  });

  it('puts in the slashes as digits are typed, and leaves an ISO date alone', () => {
    expect(['0', '04', '041', '0412', '04121', '04121985', '041219851'].map(maskDate))
      .toEqual(['0', '04/', '04/1', '04/12/', '04/12/1', '04/12/1985', '04/12/1985']);
    expect(maskDate('4/')).toBe('04/');
    expect(maskDate('4/2/1985')).toBe('04/02/1985');
    expect(maskDate('04/12/1985')).toBe('04/12/1985');
    expect(maskDate('1985-04-12')).toBe('1985-04-12');
    expect(maskDate('ab')).toBe('');
  });
});
