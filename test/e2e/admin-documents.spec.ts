import { mkdir, readFile } from 'node:fs/promises';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Document, Lead, Organization, User, UserRole } from '../../models/index.js';
import { hashPassword } from '../../server/auth/password.js';
import { SLOW, browserSuite, signIn } from '../support/browser.js';
import { exeFile, pdfFile, pngFile } from '../support/document-files.js';
import { SEEN, seenByPerson } from '../support/seen.js';

const PASSWORD = 'correct-horse-battery';
const AGENT = 'agent@documents.e2e.test';
const ARTIFACTS = path.resolve('test/artifacts');
const SIZES = [{ width: 1440, height: 900 }, { width: 390, height: 844 }] as const;
const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'leadharbor-e2e-documents-'));
let leadId = 0;

const suite = browserSuite('e2e_admin_documents', async () => {
  const org = await Organization.create({ name: 'Paper Trail', slug: 'paper-trail' } as never);
  const agent = await User.create({ email: AGENT, hashed_password: await hashPassword(PASSWORD), first_name: 'Ada', last_name: 'Agent', organization_id: org.id } as never);
  await UserRole.create({ user_id: agent.id, role: 'agent' });
  leadId = (await Lead.create({ first_name: 'Pat', last_name: 'Doe', email: 'pat@documents.e2e.test', organization_id: org.id } as never)).id;
}, { DOCUMENTS_DIR: folder });
afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

beforeEach(() => signIn(suite.isolated.context, suite.app.baseURL, AGENT, PASSWORD));

const page = () => suite.page;
const shot = async (name: string) => {
  await mkdir(ARTIFACTS, { recursive: true });
  const { width } = page().viewportSize()!;
  await page().screenshot({ path: path.join(ARTIFACTS, `documents-${name}-${width}.png`) });
};

describe.each(SIZES)('lead documents at $width×$height', (size) => {
  beforeEach(() => page().setViewportSize(size));

  it('uploads through the control, lists the document, downloads it byte for byte, and shows a refusal in words', async () => {
    const name = `Signed application ${size.width}.pdf`;
    const bytes = pdfFile(`signed ${size.width}`);
    await page().goto(`/admin/resources/leads/records/${leadId}/uploadDocument`);
    const control = page().getByTestId('document-upload');
    await control.waitFor();
    expect(await seenByPerson(page().getByTestId('document-choose'))).toEqual(SEEN);
    await page().getByTestId('document-file').setInputFiles({ name, mimeType: 'application/pdf', buffer: bytes });
    await page().getByTestId('document-uploaded').waitFor();
    const listed = page().getByTestId('document-list').getByText(name);
    await listed.waitFor();
    expect(await seenByPerson(listed)).toEqual(SEEN);
    await shot('uploaded');

    const row = page().getByTestId('document-list').locator('li', { hasText: name });
    const [download] = await Promise.all([page().waitForEvent('download'), row.getByTestId('document-list-download').click()]);
    expect(download.suggestedFilename()).toBe(name);
    expect(Buffer.compare(await readFile((await download.path())!), bytes)).toBe(0);

    // A program dressed as a PDF: refused, in words, and not listed.
    await page().getByTestId('document-file').setInputFiles({ name: 'invoice.pdf', mimeType: 'application/pdf', buffer: exeFile() });
    const error = page().getByTestId('document-error');
    await error.waitFor();
    expect(await error.innerText()).toMatch(/EXE file, which is not accepted/);
    expect(await seenByPerson(error)).toEqual(SEEN);
    expect(await page().getByTestId('document-list').getByText('invoice.pdf').count()).toBe(0);
    await shot('refused');
  }, SLOW);

  it('takes a file dropped on the control', async () => {
    const name = `Licence photo ${size.width}.png`;
    await page().goto(`/admin/resources/leads/records/${leadId}/uploadDocument`);
    await page().getByTestId('document-drop-zone').waitFor();
    const dataTransfer = await page().evaluateHandle(({ base64, file }) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))], file, { type: 'image/png' }));
      return transfer;
    }, { base64: pngFile(8).toString('base64'), file: name });
    await page().dispatchEvent('[data-testid=document-drop-zone]', 'drop', { dataTransfer });
    await page().getByTestId('document-list').getByText(name).waitFor();
    expect(await Document.count({ where: { original_name: name, content_type: 'image/png' } })).toBe(1);
  }, SLOW);

  it("lists the lead's documents in the Documents list, each with its download link", async () => {
    await page().goto('/admin/resources/documents');
    const row = page().locator('tbody tr', { hasText: `Signed application ${size.width}.pdf` });
    await row.waitFor();
    const link = row.getByTestId('document-download');
    expect(await seenByPerson(link)).toEqual(SEEN);
    const [download] = await Promise.all([page().waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe(`Signed application ${size.width}.pdf`);
    await shot('list');
  }, SLOW);
});
