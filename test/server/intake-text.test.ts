import { createHash } from 'node:crypto';
import request from 'supertest';
import { MESSAGES, tidyText } from '../../models/lead-rules.js';
import {
  CONSENT_TEXT, createIntakeFixture, expectProblem, rowCounts, validLead, type IntakeFixture,
} from '../support/intake-fixture.js';

/**
 * Real-world text on the intake API: line breaks from every platform,
 * ill-formed Unicode, values of the wrong type, implausible form start times
 * and characters PostgreSQL itself refuses (the body as bytes:
 * intake-body.test.ts). Each guard is tested beside the legitimate request it lets through.
 */
let f: IntakeFixture;
beforeAll(async () => { f = await createIntakeFixture('intake_text'); });
afterAll(async () => { await f?.close(); });

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const leadRow = async (id: number) => (await f.client.query('SELECT * FROM leads WHERE id = $1', [id])).rows[0];
const consentRow = async (leadId: number) =>
  (await f.client.query('SELECT consent_text, consent_version, text_sha256 FROM consents WHERE lead_id = $1', [leadId])).rows[0];
const submissionRow = async (reference: string) =>
  (await f.client.query('SELECT outcome, lead_id, payload FROM lead_submissions WHERE reference = $1', [reference])).rows[0];
const errorsOf = (res: { body: { errors: { field: string; code: string; message: string }[] } }) =>
  Object.fromEntries(res.body.errors.map((e) => [e.field, { code: e.code, message: e.message }]));

describe('tidyText: the one normalisation of line breaks', () => {
  it('stores CRLF and lone CR as LF in multi-line text, and folds every line break to one space in single-line text', () => {
    expect(tidyText('Line one\r\nLine two\rLine three\nLine four', true)).toBe('Line one\nLine two\nLine three\nLine four');
    expect(tidyText('a\r\n\r\n\r\n\r\nb', true)).toBe('a\n\nb');
    expect(tidyText(' San\r\nFrancisco\rCA\nUSA ')).toBe('San Francisco CA USA');
    expect(tidyText('a \r\n b')).toBe('a b');
  });
});

describe('line breaks', () => {
  const TWO_LINES = 'By submitting, I agree that Alpha Agency may call and text me about insurance.\r\nConsent is not a condition of purchase.';
  const STORED = TWO_LINES.replace('\r\n', '\n');

  it('accepts a consent text typed on two lines (CRLF), stores it with LF, and hashes the stored text', async () => {
    const res = await f.postAsServer(validLead({ consent: { granted: true, text: TWO_LINES, version: 'v2' } }));
    expect(res.status).toBe(201);
    const consent = await consentRow(res.body.lead_id);
    expect(consent).toEqual({ consent_text: STORED, consent_version: 'v2', text_sha256: sha256(STORED) });
    expect(consent.text_sha256).not.toBe(sha256(TWO_LINES));
  });

  it('gives the same stored consent text and hash whether the lines were ended with CRLF, CR or LF', async () => {
    const hashes = new Set<string>();
    for (const ending of ['\r\n', '\r', '\n']) {
      const res = await f.postAsServer(validLead({ consent: { granted: true, text: TWO_LINES.replace('\r\n', ending) } }));
      expect(res.status).toBe(201);
      const consent = await consentRow(res.body.lead_id);
      expect(consent.consent_text).toBe(STORED);
      hashes.add(consent.text_sha256);
    }
    expect([...hashes]).toEqual([sha256(STORED)]);
  });

  it('keeps the lines of notes and address, stored with LF', async () => {
    const res = await f.postAsServer(validLead({ notes: 'Two cars.\r\nOne teenage driver.\rCall after 5pm.', address: '500 Howard St\r\nSuite 300' }));
    expect(res.status).toBe(201);
    expect(await leadRow(res.body.lead_id)).toMatchObject({ notes: 'Two cars.\nOne teenage driver.\nCall after 5pm.', address: '500 Howard St\nSuite 300' });
  });

  it.each([['CRLF', '\r\n'], ['CR', '\r'], ['LF', '\n']])('folds a %s in a single-line field to one space instead of refusing it', async (_name, br) => {
    const res = await f.postAsServer(validLead({
      first_name: `Mary${br}Jane`, city: `San${br}Francisco`, utm_source: `news${br}letter`, consent: { granted: true, text: CONSENT_TEXT, version: `v${br}2` },
    }));
    expect(res.status).toBe(201);
    expect(await leadRow(res.body.lead_id)).toMatchObject({ first_name: 'Mary Jane', city: 'San Francisco' });
    expect((await consentRow(res.body.lead_id)).consent_version).toBe('v 2');
  });

  it.each([
    ['consent.text', { consent: { granted: true, text: 'I agree\u0000' } }],
    ['notes', { notes: 'Call me\u001b[31m' }],
    ['address', { address: '500 Howard St\u000bSuite 3' }],
    ['city', { city: 'San\u000cFrancisco' }],
    ['first_name', { first_name: 'Ma\u0085ria' }],
  ])('still refuses other control characters, naming the field (%s), and writes nothing', async (field, extra) => {
    const before = await rowCounts(f);
    const res = await f.postAsServer(validLead(extra));
    expectProblem(res, 422, 'validation_failed');
    expect(errorsOf(res)[field]).toEqual({ code: 'control_characters', message: MESSAGES.control_characters });
    expect(await rowCounts(f)).toEqual(before);
  });
});

describe('ill-formed Unicode', () => {
  const HIGH = '\\ud83d';
  const LOW = '\\ude00';
  /** The body as a JSON text with `value` (JSON string escapes, e.g. `\ud83d`) spliced in raw, as a broken client sends it. */
  const withRaw = (path: string, escaped: string) => {
    const marker = 'SPLICE_HERE';
    const body = validLead();
    const [outer, inner] = path.split('.') as [string, string | undefined];
    if (inner) body[outer] = { ...(body[outer] as object ?? {}), granted: true, text: CONSENT_TEXT, [inner]: marker };
    else body[outer] = marker;
    return JSON.stringify(body).replace(marker, `x${escaped}y`);
  };

  it.each([
    ['notes', HIGH], ['notes', LOW], ['city', HIGH], ['address', LOW], ['utm_source', HIGH], ['utm_content', LOW], ['website', HIGH],
    ['consent.text', HIGH], ['consent.text', LOW], ['consent.version', HIGH], ['first_name', HIGH], ['last_name', LOW], ['email', HIGH],
    ['phone', LOW], ['page_url', HIGH], ['leadid_token', LOW], ['notes', `${LOW}${HIGH}`], ['city', `${HIGH}${HIGH}`],
  ])('%s holding a lone surrogate (%s) is a 422 naming the field, never a 500, and writes nothing', async (field, escaped) => {
    const before = await rowCounts(f);
    const res = await f.postAsServer(withRaw(field, escaped));
    expectProblem(res, 422, 'validation_failed');
    expect(errorsOf(res)[field]).toEqual({ code: 'invalid_characters', message: MESSAGES.invalid_characters });
    expect(await rowCounts(f)).toEqual(before);
  });

  it('a lone surrogate in an unknown field name is refused by name, not a 500', async () => {
    const res = await f.postAsServer(JSON.stringify(validLead()).replace(/^\{/, `{"x${HIGH}":1,`));
    expectProblem(res, 422, 'validation_failed');
    expect(res.body.errors).toEqual([expect.objectContaining({ code: 'unknown_field' })]);
  });

  it('a valid surrogate pair (an emoji), escaped or raw, is stored as sent', async () => {
    const escaped = await f.postAsServer(withRaw('notes', `${HIGH}${LOW}`));
    expect(escaped.status).toBe(201);
    expect((await leadRow(escaped.body.lead_id)).notes).toBe('x😀y');
    const raw = await f.postAsServer(validLead({ city: 'Zürich 🏔', consent: { granted: true, text: `${CONSENT_TEXT} 👍` } }));
    expect(raw.status).toBe(201);
    expect((await leadRow(raw.body.lead_id)).city).toBe('Zürich 🏔');
    expect((await consentRow(raw.body.lead_id)).text_sha256).toBe(sha256(`${CONSENT_TEXT} 👍`));
  });
});

describe('wrong types and missing fields', () => {
  it('reports a value of the wrong type as invalid_type and a missing required field as required, side by side', async () => {
    const { last_name: _dropped, ...body } = validLead({ first_name: 42, email: ['maria@example.com'], phone: { n: 1 }, consent: { granted: 'yes', text: CONSENT_TEXT } });
    const res = await f.postAsServer(body);
    expectProblem(res, 422, 'validation_failed');
    expect(errorsOf(res)).toEqual({
      first_name: { code: 'invalid_type', message: MESSAGES.invalid_type('text') },
      last_name: { code: 'required', message: MESSAGES.required },
      email: { code: 'invalid_type', message: MESSAGES.invalid_type('text') },
      phone: { code: 'invalid_type', message: MESSAGES.invalid_type('text') },
      'consent.granted': { code: 'invalid_type', message: MESSAGES.invalid_type('true or false') },
    });
  });

  it('a consent without granted is required; null or blank required text is required, not invalid_type', async () => {
    const res = await f.postAsServer(validLead({ first_name: null, last_name: '   ', consent: { text: CONSENT_TEXT } }));
    expect(errorsOf(res)).toEqual({
      first_name: { code: 'required', message: MESSAGES.required },
      last_name: { code: 'required', message: MESSAGES.required },
      'consent.granted': { code: 'required', message: MESSAGES.required },
    });
  });

  it('a body that is not an object is invalid_type on body', async () => {
    const res = await f.postAsServer('[1, 2]');
    expect(errorsOf(res)).toEqual({ body: { code: 'invalid_type', message: MESSAGES.invalid_type('a JSON object') } });
  });
});

describe('form_started_at', () => {
  const DAY = 24 * 60 * 60 * 1000;

  it.each(['yesterday', '2026-13-45', '2026-13-01T00:00:00Z', '2026-02-30T10:00:00Z', '12/03/2026', '2026-12-03T10:00:00', -5, 1.5, true])(
    'refuses %j with the shared invalid_timestamp message, never zod\'s own, and writes nothing', async (value) => {
      const before = await rowCounts(f);
      const res = await f.postAsServer(validLead({ form_started_at: value }));
      expectProblem(res, 422, 'validation_failed');
      expect(errorsOf(res).form_started_at).toEqual({ code: 'invalid_timestamp', message: MESSAGES.invalid_timestamp });
      expect(await rowCounts(f)).toEqual(before);
    });

  it.each(['', '   ', null])('a blank start (%j) counts as absent, like every blank optional field: a lead is made', async (value) => {
    const res = await f.postAsServer(validLead({ form_started_at: value }));
    expect(res.status).toBe(201);
    expect(res.body.lead_id).toEqual(expect.any(Number));
  });

  it.each([
    ['an ISO time two days ahead', () => new Date(Date.now() + 2 * DAY).toISOString()],
    ['milliseconds a year ahead', () => Date.now() + 365 * DAY],
  ])('%s is treated as automated: the usual answer, stored as spam, no lead', async (_label, started) => {
    const before = await f.count('leads');
    const res = await f.postAsPage(validLead({ form_started_at: started() }));
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ reference: expect.any(String), status: 'received' });
    expect(await f.count('leads')).toBe(before);
    expect(await submissionRow(res.body.reference)).toMatchObject({ outcome: 'spam', lead_id: null });
  });

  it.each([
    ['a clock an hour fast', () => new Date(Date.now() + 60 * 60 * 1000).toISOString()],
    ['a clock 23 hours fast', () => Date.now() + 23 * 60 * 60 * 1000],
    ['an offset time a minute ago', () => new Date(Date.now() - 60_000 + 2 * 60 * 60 * 1000).toISOString().replace('Z', '+02:00')],
  ])('%s is a person: a lead is made', async (_label, started) => {
    const res = await f.postAsServer(validLead({ form_started_at: started() }));
    expect(res.status).toBe(201);
    expect(res.body.lead_id).toEqual(expect.any(Number));
  });
});

describe('inputs PostgreSQL itself would refuse are answered, never a 500', () => {
  it('a honeypot holding a NUL or another control character is a 422 naming it, and nothing is written', async () => {
    const before = await rowCounts(f);
    for (const value of ['\u0000', 'spam\u0007']) {
      const res = await f.postAsPage({ ...validLead(), website: value });
      expectProblem(res, 422, 'validation_failed');
      expect(errorsOf(res).website).toEqual({ code: 'control_characters', message: MESSAGES.control_characters });
    }
    expect(await rowCounts(f)).toEqual(before);
  });

  it('a blank honeypot counts as empty (a person), a filled one as a bot', async () => {
    const person = await f.postAsServer({ ...validLead({ email: 'blank-honeypot@example.com' }), website: '   ' });
    expect(person.status).toBe(201);
    expect((await submissionRow(person.body.reference)).outcome).toBe('created');
    const bot = await f.postAsServer({ ...validLead({ email: 'filled-honeypot@example.com' }), website: 'http://spam.example' });
    expect(bot.status).toBe(201);
    expect((await submissionRow(bot.body.reference)).outcome).toBe('spam');
  });

  it('a lookup of a reference holding a NUL, or one that is no reference at all, is a 404; a bad key is still a 401', async () => {
    const stored = await f.postAsServer(validLead({ email: 'lookup-nul@example.com' }));
    const lookup = (path: string, key = f.keys.skA) => request(f.app).get(`/api/v1/leads/${path}`).set('Authorization', `Bearer ${key}`);
    expect((await lookup(stored.body.reference)).status).toBe(200);
    for (const path of ['LH-%00', `${stored.body.reference}%00`, 'LH-ABC', 'x'.repeat(300)]) {
      const res = await lookup(path);
      expect([path, res.status, res.body.code]).toEqual([path, 404, 'not_found']);
    }
    expect((await lookup('LH-%00', f.keys.skRevoked)).status).toBe(401);
  });

  it('a path that cannot be decoded (%E0) is a 404 with a documented code, not "client_error"', async () => {
    for (const path of ['/api/v1/leads/%E0', '/api/v1/leads/LH-%E0%A4%A']) {
      const res = await request(f.app).get(path).set('Authorization', `Bearer ${f.keys.skA}`);
      expect([path, res.status, res.body.code]).toEqual([path, 404, 'not_found']);
    }
  });
});
