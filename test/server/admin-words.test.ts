import i18next from 'i18next';
import { createFunctions, defaultConfig, flat, locales, type ActionJSON, type RecordJSON, type ResourceJSON } from 'adminjs';
import { Lead, LeadSubmission } from '../../models/index.js';
import { ADMIN_TRANSLATIONS, propertyLabel, readableNotices } from '../../server/admin/admin-locale.js';
import { createAdmin } from '../../server/admin/build-admin.js';
import { actionHeading } from '../../server/admin/components/action-heading.js';
import { RESOURCE_NOUNS } from '../../server/admin/resource-words.js';
import { adminApi as api, createAdminFixture, type AdminFixture } from '../support/admin-fixture.js';
import { developerWords } from '../support/developer-words.js';
import { connect, serverUrl } from '../support/test-database.js';

/** AdminJS's English merged with ours, as the browser builds it (adminjs.i18n.js). */
const i18n = i18next.createInstance({ ...defaultConfig, lng: 'en', fallbackLng: 'en', supportedLngs: ['en'], initImmediate: false });
await i18n.init();
i18n.addResourceBundle('en', 'translation', flat.flatten(locales.en));
i18n.addResourceBundle('en', 'translation', flat.flatten(ADMIN_TRANSLATIONS), true, true);
const t = createFunctions(i18n) as unknown as Parameters<typeof actionHeading>[1];

/**
 * Keys of AdminJS's locale no staff member can reach: its default dashboard
 * (ours replaces it) and the language picker (English is the only language).
 */
const UNREACHABLE = /^(messages\.(welcomeOnBoard|addingResources|customizeResources|customizeActions|writeOwnComponents|customDashboard|roleBasedAccess|community|foundBug|needMoreSolutions)_|buttons\.contactUs$|components\.LanguageSelector\.)/;
const SECTIONS = ['actions', 'buttons', 'labels', 'messages', 'components'] as const;

/** Every key of a section of AdminJS's locale and ours, flattened (`messages.noRecords`). */
function keysOf(section: (typeof SECTIONS)[number]): string[] {
  const all = { ...flat.flatten<object, Record<string, unknown>>({ [section]: (locales.en as Record<string, unknown>)[section] ?? {} }),
    ...flat.flatten<object, Record<string, unknown>>({ [section]: (ADMIN_TRANSLATIONS as Record<string, unknown>)[section] ?? {} }) };
  return Object.keys(all).filter((key) => typeof all[key] === 'string' && !UNREACHABLE.test(key));
}

/** AdminJS's label for a column it has no words for: `zip_code` → "Zip Code". */
const startCase = (path: string) => path.split(/[_.]/).filter(Boolean).map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(' ');

const catalog = connect(serverUrl()); // the models, for the resources' properties; no query is made
const admin = createAdmin();
afterAll(async () => { await catalog.close(); });
const resourceIds = admin.resources.map((r) => r.decorate().id());

describe("the admin's words", () => {
  it('names every resource once, singular and plural, and no other', () => {
    expect([...resourceIds].sort()).toEqual(Object.keys(RESOURCE_NOUNS).sort());
  });

  // "(none)": the shared words, which a notice or page that names no resource shows.
  it.each([...resourceIds, '(none)'])('every message, button, label and action of %s reads as a person would write it', (resourceId) => {
    const problems: string[] = [];
    for (const section of SECTIONS) {
      for (const key of keysOf(section)) {
        const text = i18n.t(resourceId === '(none)' ? [key] : [`resources.${resourceId}.${key}`, key], { defaultValue: '' });
        for (const word of developerWords(text)) problems.push(`${key} = "${text}": ${word}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('every property of every resource has a label in sentence case, defined by us, the same for screens and CSV', () => {
    const problems: string[] = [];
    const acronyms = /^(ID|IP|API|ZIP|CSV|URL|SHA-256\)?|\(SHA-256\)|TrustedForm|LeadiD|\(English\)|\(Spanish\))$/;
    for (const resource of admin.resources) {
      const decorated = resource.decorate();
      const id = decorated.id();
      const paths = new Set<string>();
      for (const where of ['list', 'show', 'edit', 'filter'] as const) {
        for (const property of decorated.getProperties({ where })) {
          paths.add(property.propertyPath);
          for (const sub of property.subProperties()) paths.add(sub.propertyPath);
        }
      }
      for (const path of paths) {
        const shown = t.translateProperty(path, id);
        const ours = i18n.exists(`resources.${id}.properties.${path}`) || i18n.exists(`properties.${path}`);
        if (!ours) problems.push(`${id}.${path}: no label of ours (AdminJS would show "${shown}")`);
        if (path.includes('_') && shown === startCase(path)) problems.push(`${id}.${path}: "${shown}" is the column name in title case`);
        const [, ...rest] = shown.split(' ');
        const capitals = rest.filter((word) => /[A-Z]/.test(word) && !acronyms.test(word));
        if (capitals.length) problems.push(`${id}.${path}: "${shown}" is not sentence case (${capitals.join(', ')})`);
        if (propertyLabel(id, path) !== shown) problems.push(`${id}.${path}: CSV and reference messages say "${propertyLabel(id, path)}", screens "${shown}"`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('headings name the list, the action for this resource, or how many a bulk delete takes', () => {
    const resource = (id: string) => ({ id, name: id }) as ResourceJSON;
    const action = (name: string) => ({ name, label: name }) as ActionJSON;
    const records = (n: number) => Array.from({ length: n }, (_, i) => ({ id: String(i + 1) }) as RecordJSON);
    expect(actionHeading({ action: action('list'), resource: resource('leads') }, t)).toBe('Leads');
    expect(actionHeading({ action: action('edit'), resource: resource('leads') }, t)).toBe('Edit lead');
    expect(actionHeading({ action: action('new'), resource: resource('api_keys') }, t)).toBe('New API key');
    expect(actionHeading({ action: action('exportCsv'), resource: resource('leads') }, t)).toBe('Export leads to CSV');
    expect(actionHeading({ action: action('changeStatus'), resource: resource('leads') }, t)).toBe('Change status');
    expect(actionHeading({ action: action('bulkDelete'), resource: resource('leads'), records: records(3) }, t)).toBe('Delete 3 leads?');
    expect(actionHeading({ action: action('bulkDelete'), resource: resource('lead_sources'), records: records(1) }, t)).toBe('Delete 1 lead source?');
    expect(actionHeading({ action: action('show'), resource: resource('consents'), record: { id: '12', title: '12' } as RecordJSON }, t)).toBe('Consent #12');
    for (const id of resourceIds) {
      for (const name of Object.keys(admin.findResource(id).decorate().actions)) {
        const heading = actionHeading({ action: action(name), resource: resource(id), records: records(2) }, t);
        expect([heading, developerWords(heading)]).toEqual([heading, []]);
      }
    }
  });

  it("names the resource on AdminJS's own notices, so they read 'Lead saved.', and leaves others alone", () => {
    const sent = (path: string, notice: object) => {
      let body: { notice?: object } | undefined;
      const res = { json: (b: typeof body) => { body = b; return res; } };
      readableNotices({ path } as never, res as never, () => undefined);
      (res.json as (b: object) => unknown)({ notice });
      return body!.notice;
    };
    const saved = sent('/resources/leads/records/5/edit', { message: 'successfullyUpdated', type: 'success' }) as { resourceId: string; message: string };
    expect(saved).toEqual({ message: 'successfullyUpdated', type: 'success', resourceId: 'leads' });
    expect(t.translateMessage(saved.message, saved.resourceId)).toBe('Lead saved.');
    expect(sent('/resources/leads/records/5/qualify', { message: 'Ann Alpha is now Qualified.', type: 'success' })).toEqual({ message: 'Ann Alpha is now Qualified.', type: 'success' });
  });
});

describe("a lead's title", () => {
  let fixture: AdminFixture;
  let agent: Awaited<ReturnType<AdminFixture['login']>>['agent'];
  beforeAll(async () => {
    fixture = await createAdminFixture('words');
    agent = (await fixture.login('staff-a@test.co')).agent;
  });
  afterAll(async () => { await fixture?.close(); });

  it('is the full name on its page, in references to it, and what the pickers search by', async () => {
    const show = await agent.get(api('leads', `records/${fixture.ids.leadA}/show`));
    expect(show.body.record.title).toBe('Ann Alpha');
    const lead = (await Lead.findByPk(fixture.ids.leadA))!;
    const submission = await LeadSubmission.create({ organization_id: fixture.ids.orgA, lead_id: lead.id, reference: 'LH-WORDS1', outcome: 'created', payload: {} } as never);
    const reference = await agent.get(api('lead_submissions', `records/${submission.id}/show`));
    expect(reference.body.record.populated.lead_id.title).toBe('Ann Alpha');
    const found = await agent.get(api('leads', 'search/ann alpha'));
    expect(found.body.records.map((r: RecordJSON) => r.title)).toEqual(['Ann Alpha']);
    const none = await agent.get(api('leads', 'search/nobody-by-this-name'));
    expect(none.body.records).toEqual([]);
  });
});
