import { readFileSync } from 'node:fs';
import request from 'supertest';
import { MESSAGES } from '../../models/lead-rules.js';
import { SOURCE_TYPES } from '../../models/value-sets.js';
import { UTM_MEDIUMS, UTM_SOURCES, sourceTypeFromUtm } from '../../server/intake/attribution.js';
import { CONSENT_TEMPLATES, CONSENT_TEMPLATE_VERSION } from '../../server/intake/consent-template.js';
import { DEMO_CAMPAIGNS, DEMO_SITE_KEY } from '../../server/seed/demo-catalog.js';
import { seedDemoData } from '../../server/seed/seed.js';
import {
  CONSENT_TEXT, PARTNER_ORIGIN, createIntakeFixture, expectProblem, rowCounts, validLead, type IntakeFixture,
} from '../support/intake-fixture.js';

/**
 * What the quote form says and where its leads are counted: the consent text
 * in the visitor's language (and the record of which one was shown), and the
 * lead source and campaign read from a link's UTM tags, through the real
 * intake API and database.
 */
let f: IntakeFixture;
beforeAll(async () => { f = await createIntakeFixture('form_content'); });
afterAll(async () => { await f?.close(); });

const SPANISH = 'Acepto que Alpha Agency me llame y me envíe mensajes de texto sobre seguros.\nNo es condición de compra.';

const config = (query: string, origin = PARTNER_ORIGIN) =>
  request(f.app).get(`/api/v1/widget-config?${query}`).set(origin ? { Origin: origin } : {});

async function withSpanish<T>(text: string | null, run: () => Promise<T>): Promise<T> {
  await f.client.query('UPDATE site_keys SET consent_text_es = $1 WHERE id = $2', [text, f.ids.siteKeyA]);
  try {
    return await run();
  } finally {
    await f.client.query('UPDATE site_keys SET consent_text_es = NULL WHERE id = $1', [f.ids.siteKeyA]);
  }
}

describe('widget-config: the consent text in the visitor\'s language', () => {
  it('gives a Spanish visitor the Spanish text, and an English one the English text, each with its language', async () => {
    await withSpanish(SPANISH, async () => {
      const es = await config(`key=${f.keys.pkA}&lang=es`);
      expect(es.status).toBe(200);
      expect(es.body.consent).toEqual({ text: SPANISH, version: 'v1', language: 'es' });
      const en = await config(`key=${f.keys.pkA}&lang=en`);
      expect(en.body.consent).toEqual({ text: CONSENT_TEXT, version: 'v1', language: 'en' });
      expect((await config(`key=${f.keys.pkA}`)).body.consent.language).toBe('en');
      expect(es.headers.etag).not.toBe(en.headers.etag);
    });
  });

  it.each([
    ['no Spanish text', null],
    ['a blank Spanish text', '  \n '],
  ])('gives a Spanish visitor the English text, marked English, when the key has %s', async (_label, text) => {
    await withSpanish(text, async () => {
      expect((await config(`key=${f.keys.pkA}&lang=es`)).body.consent).toEqual({ text: CONSENT_TEXT, version: 'v1', language: 'en' });
    });
  });

  it.each(['fr', 'ES', 'es-MX', '', 'es&lang=en'])('reads lang=%s as English (only the codes the widget sends count)', async (lang) => {
    await withSpanish(SPANISH, async () => {
      expect((await config(`key=${f.keys.pkA}&lang=${lang}`)).body.consent.language).toBe('en');
    });
  });

  it('never gives an empty consent: a key saved before consent text was required gets the default template, in the visitor\'s language', async () => {
    const beta = (lang: string) => config(`key=${f.keys.pkB}&lang=${lang}`, 'https://beta.example');
    expect((await beta('en')).body.consent).toEqual({ text: CONSENT_TEMPLATES.en('Beta Brokers'), version: CONSENT_TEMPLATE_VERSION, language: 'en' });
    expect((await beta('es')).body.consent).toEqual({ text: CONSENT_TEMPLATES.es('Beta Brokers'), version: CONSENT_TEMPLATE_VERSION, language: 'es' });
    await f.client.query(`UPDATE site_keys SET consent_text = '   ', consent_version = 'v9' WHERE key = $1`, [f.keys.pkB]);
    try {
      expect((await beta('en')).body.consent).toEqual({ text: CONSENT_TEMPLATES.en('Beta Brokers'), version: CONSENT_TEMPLATE_VERSION, language: 'en' });
    } finally {
      await f.client.query('UPDATE site_keys SET consent_text = NULL, consent_version = NULL WHERE key = $1', [f.keys.pkB]);
    }
  });
});

describe('the default consent template', () => {
  it.each(['en', 'es'] as const)('(%s) is what the visitor affirms by ticking, never "by submitting"', (lang) => {
    const text = CONSENT_TEMPLATES[lang]('Harborview Insurance Group');
    expect(text).toMatch(lang === 'en' ? /^I agree that Harborview Insurance Group may call and text me/ : /^Acepto que Harborview Insurance Group me llame y me envíe mensajes de texto/);
    expect(text).not.toMatch(/submit|enviar este formulario|al enviar/i);
    expect(text.length).toBeLessThan(500);
  });

  it('is the demo site key\'s text in both languages', () => {
    expect(DEMO_SITE_KEY.consent_text).toBe(CONSENT_TEMPLATES.en('Harborview Insurance Group'));
    expect(DEMO_SITE_KEY.consent_text_es).toBe(CONSENT_TEMPLATES.es('Harborview Insurance Group'));
  });
});

describe('the consent record keeps the language of the text shown', () => {
  const consentOf = async (leadId: number) =>
    (await f.client.query('SELECT granted, consent_text, language, text_sha256 IS NOT NULL AS hashed FROM consents WHERE lead_id = $1', [leadId])).rows;

  it('stores language es and the exact Spanish text', async () => {
    const res = await f.postAsPage(validLead({ consent: { granted: true, text: SPANISH, version: 'v1', language: 'es' } }));
    expect(res.status).toBe(201);
    expect(await consentOf(res.body.lead_id ?? (await leadOf(res.body.reference)))).toEqual([{ granted: true, consent_text: SPANISH, language: 'es', hashed: true }]);
  });

  it.each([
    ['without a language (API callers before it existed)', { granted: true, text: CONSENT_TEXT, version: 'v1' }, null],
    ['with language null', { granted: true, text: CONSENT_TEXT, language: null }, null],
    ['with language en', { granted: false, text: CONSENT_TEXT, language: 'en' }, 'en'],
  ])('stores a consent %s', async (_label, consent, language) => {
    const res = await f.postAsServer(validLead({ consent }));
    expect(res.status).toBe(201);
    expect((await consentOf(res.body.lead_id))[0]).toMatchObject({ consent_text: CONSENT_TEXT, language });
  });

  it.each(['fr', 'ES', 'spanish', 1, true, ''])('refuses consent.language %j with a field error, and writes nothing', async (language) => {
    const before = await rowCounts(f);
    const res = await f.postAsServer(validLead({ consent: { granted: true, text: CONSENT_TEXT, language } }));
    expectProblem(res, 422, 'validation_failed');
    expect(res.body.errors).toEqual([{ field: 'consent.language', code: 'invalid_language', message: MESSAGES.invalid_language }]);
    expect(await rowCounts(f)).toEqual(before);
  });
});

async function leadOf(reference: string): Promise<number> {
  return (await f.client.query('SELECT lead_id FROM lead_submissions WHERE reference = $1', [reference])).rows[0].lead_id;
}

/**
 * The UTM mapping as the README documents it (its table under "Attribution":
 * one row per source type, the tags in backticks). The test below holds the
 * code to exactly these entries, so the table partners read cannot drift
 * from what the API does.
 */
function documentedTags(): { mediums: Record<string, string[]>; sources: Record<string, string[]> } {
  const readme = readFileSync('README.md', 'utf8');
  const start = readme.indexOf('| Source type | `utm_medium` |');
  if (start < 0) throw new Error('README.md lost its UTM table ("| Source type | `utm_medium` | …")');
  const rows = readme.slice(start).split('\n').slice(2).map((line) => line.trim()).filter((line, i, all) => all.slice(0, i + 1).every((l) => l.startsWith('|')));
  const tags = (cell: string) => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
  const mediums: Record<string, string[]> = {};
  const sources: Record<string, string[]> = {};
  for (const row of rows) {
    const [, type, medium, source] = row.split('|').map((cell) => cell.trim());
    const name = tags(type!)[0]!;
    if (tags(medium!).length) mediums[name] = tags(medium!);
    if (tags(source!).length) sources[name] = tags(source!);
  }
  return { mediums, sources };
}
const sorted = (table: Record<string, readonly string[]>) => Object.fromEntries(Object.entries(table).map(([k, v]) => [k, [...v].sort()]).sort());
const { mediums: DOCUMENTED_MEDIUMS, sources: DOCUMENTED_SOURCES } = documentedTags();

describe('attribution: UTM medium and source to lead source type', () => {
  const sourceTypeOf = async (utm: Record<string, string>) => {
    const res = await f.postAsServer(validLead(utm));
    expect(res.status).toBe(201);
    return (await f.client.query(
      'SELECT s.source_type FROM leads l JOIN lead_sources s ON s.id = l.lead_source_id WHERE l.id = $1', [res.body.lead_id])).rows[0].source_type;
  };

  it('maps exactly the documented tags, each to a source type of the spec', () => {
    expect(sorted(UTM_MEDIUMS)).toEqual(sorted(DOCUMENTED_MEDIUMS));
    expect(sorted(UTM_SOURCES)).toEqual(sorted(DOCUMENTED_SOURCES));
    for (const type of [...Object.keys(UTM_MEDIUMS), ...Object.keys(UTM_SOURCES)]) expect(SOURCE_TYPES).toContain(type);
  });

  it.each(Object.entries(DOCUMENTED_MEDIUMS).flatMap(([type, mediums]) => mediums.map((medium) => [medium, type])))(
    'utm_medium=%s gives a %s lead, through the intake API', async (medium, type) => {
      expect(await sourceTypeOf({ utm_medium: medium, utm_source: 'somewhere-new' })).toBe(type);
    });

  it.each(Object.entries(DOCUMENTED_SOURCES).flatMap(([type, sources]) => sources.map((source) => [source, type])))(
    'utm_source=%s without a medium gives a %s lead, through the intake API', async (source, type) => {
      expect(await sourceTypeOf({ utm_source: source })).toBe(type);
    });

  it.each([
    ['Paid Social', 'ppc'], ['paid-social', 'ppc'], ['  AFFILIATE ', 'partner'], ['Direct Mail', 'email'], ['direct-mail', 'email'],
    ['SMS', 'email'], ['Display', 'ppc'], ['E-mail', 'email'], ['Word of Mouth', 'referral'],
  ])('reads utm_medium=%j as its tag whatever the case, spaces or hyphens (%s)', async (medium, type) => {
    expect(await sourceTypeOf({ utm_medium: medium })).toBe(type);
  });

  it('lets the medium decide over the source: a paid Facebook click is ppc, a newsletter link in an SMS is email', async () => {
    expect(await sourceTypeOf({ utm_source: 'facebook', utm_medium: 'cpm' })).toBe('ppc');
    expect(await sourceTypeOf({ utm_source: 'google', utm_medium: 'affiliate' })).toBe('partner');
    expect(sourceTypeFromUtm({ utm_source: 'newsletter', utm_medium: 'sms' })).toBe('email');
  });

  it.each([
    [{ utm_medium: 'cpcx' }], [{ utm_medium: 'paid social media' }], [{ utm_medium: 'smsx', utm_source: 'nowhere' }], [{}],
  ])('leaves tags it does not know (%j) to the key\'s default source or web', async (utm) => {
    expect(await sourceTypeOf(utm)).toBe('web');
  });
});

describe('the demo page\'s campaign links', () => {
  const html = readFileSync('widget/demo/index.html', 'utf8');
  const links = [...html.matchAll(/<a href="\/\?([^"]+)">([^<]+)<\/a>/g)].map(([, query, label]) => ({
    label: label!, params: Object.fromEntries(new URLSearchParams(query!.replaceAll('&amp;', '&'))),
  }));
  const EXPECTED: Record<string, string> = {
    'from Facebook': 'social_media', 'from a Google ad': 'ppc', 'from the newsletter': 'email',
    'from a mortgage broker': 'partner', 'from a text message': 'email',
  };

  it('name only campaigns the demo data has', () => {
    expect(links.map((l) => l.label).sort()).toEqual(Object.keys(EXPECTED).sort());
    for (const { params } of links) expect(DEMO_CAMPAIGNS.map((c) => c.slug)).toContain(params.utm_campaign);
  });

  it('attribute a lead from the demo site key to the seeded campaign and the expected source, through the intake API', async () => {
    const { siteKey } = await seedDemoData(f.sequelize, { leads: 0 });
    const campaigns = Object.fromEntries((await f.client.query('SELECT slug, id FROM campaigns WHERE slug = ANY ($1)', [DEMO_CAMPAIGNS.map((c) => c.slug)])).rows
      .map((r: { slug: string; id: number }) => [r.slug, r.id]));
    for (const { label, params } of links) {
      const pageUrl = `http://localhost:3000/?${new URLSearchParams(params)}`;
      const res = await request(f.app).post('/api/v1/leads')
        .set({ 'Content-Type': 'application/json', 'X-Lead-Key': siteKey.key, Origin: 'http://localhost:3000' })
        .send(JSON.stringify(validLead({ ...params, page_url: pageUrl, product: 'auto' })));
      expect(res.status).toBe(201);
      const lead = (await f.client.query(
        `SELECT l.campaign_id, s.source_type FROM lead_submissions ls JOIN leads l ON l.id = ls.lead_id
           JOIN lead_sources s ON s.id = l.lead_source_id WHERE ls.reference = $1`, [res.body.reference])).rows[0];
      expect({ label, campaign_id: lead.campaign_id, source_type: lead.source_type })
        .toEqual({ label, campaign_id: campaigns[params.utm_campaign!], source_type: EXPECTED[label] });
    }
  });
});
