import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { Activity, Document, Lead, User } from '../../models/index.js';
import { DiskDocumentStore } from '../../server/documents/disk-store.js';
import { newStorageKey } from '../../server/documents/document-store.js';
import { sweepOrphanDocuments } from '../../server/documents/document-cleanup.js';
import { contentDisposition } from '../../server/documents/document-routes.js';
import { adminApi as api, createAdminFixture, type AdminFixture } from '../support/admin-fixture.js';
import { docxFile, exeFile, filesUnder, heicFile, jpegFile, multipart, pdfFile, plainZipFile, pngFile, xlsxFile } from '../support/document-files.js';

type Agent = Awaited<ReturnType<AdminFixture['login']>>['agent'];
const MAX = 200_000;
const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'leadharbor-documents-'));
const store = new DiskDocumentStore(folder);
let fixture: AdminFixture;
let ids: AdminFixture['ids'];
let staffA: Agent;
let staffB: Agent;
let agentA: Agent;
let superuser: Agent;
let cookieA: string;

beforeAll(async () => {
  fixture = await createAdminFixture('documents', { DOCUMENTS_DIR: folder, DOCUMENTS_MAX_BYTES: String(MAX) });
  ids = fixture.ids;
  const a = await fixture.login('staff-a@test.co');
  staffA = a.agent;
  cookieA = a.res.headers['set-cookie']![0]!.split(';')[0]!;
  staffB = (await fixture.login('staff-b@test.co')).agent;
  agentA = (await fixture.login('agent-a@test.co')).agent;
  superuser = (await fixture.login('super@test.co')).agent;
});
afterAll(async () => {
  await fixture?.close();
  fs.rmSync(folder, { recursive: true, force: true });
});

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const uploadPath = (lead: number | string) => `/admin/leads/${lead}/documents`;

function upload(agent: Agent | request.SuperTest<request.Test>, lead: number | string, name: string, content: Buffer) {
  const { body, contentType } = multipart(name, content);
  return agent.post(uploadPath(lead)).set('Content-Type', contentType).set('Accept', 'application/json').send(body);
}

/** Runs `act` and checks that it stored nothing: no row, no file, not even a temporary one. */
async function storesNothing(act: () => Promise<request.Response>): Promise<request.Response> {
  const rows = await Document.count();
  const files = filesUnder(folder);
  const res = await act();
  await new Promise((resolve) => setTimeout(resolve, 30)); // a write that was under way has settled by now
  expect(await Document.count()).toBe(rows);
  expect(filesUnder(folder)).toEqual(files);
  return res;
}

/** The binary body of a download. */
const binary = (res: request.Response, callback: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
};
const download = (agent: Agent, id: number) => agent.get(`/admin/documents/${id}/download`).buffer(true).parse(binary);

describe('upload and download', () => {
  it.each([
    ['a PDF', 'Signed application.pdf', pdfFile(), 'application/pdf'],
    ['a PNG, with a name outside ASCII', 'Führerschein scan (1).png', pngFile(), 'image/png'],
    ['a JPEG photo named .jpeg', 'car.JPEG', jpegFile(), 'image/jpeg'],
    ['a JPEG photo named .jpg', 'car.jpg', jpegFile(), 'image/jpeg'],
    ['an iPhone photo (HEIC)', 'IMG_0042.HEIC', heicFile(), 'image/heic'],
    ['a Word document', 'quote.docx', docxFile(), 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    ['an Excel workbook', 'drivers.xlsx', xlsxFile(), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    ['a CSV file', 'vehicles.csv', Buffer.from('make,model\nVolvo,XC60\nKia,Niro ünïcode\n'), 'text/csv'],
    ['a text file', 'notes.txt', Buffer.from('Called back on Monday.\n'), 'text/plain'],
  ])('%s is stored with its SHA-256 and comes back byte for byte, as an attachment that is never sniffed', async (_label, name, bytes, type) => {
    const res = await upload(staffA, ids.leadA, name, bytes);
    expect(res.status).toBe(201);
    expect(res.body.document).toMatchObject({ original_name: name, content_type: type, size_bytes: bytes.length, sha256: sha256(bytes), lead_id: ids.leadA });
    const row = (await Document.findByPk(res.body.document.id))!;
    expect(row).toMatchObject({ organization_id: ids.orgA, uploaded_by: ids.staffA, sha256: sha256(bytes), content_type: type });
    expect(row.storage_key).toMatch(new RegExp(`^${ids.orgA}/[0-9a-f-]{36}$`));
    expect(fs.readFileSync(path.join(folder, row.storage_key))).toEqual(bytes);
    expect(filesUnder(path.join(folder, '.tmp'))).toEqual([]);

    const got = await download(staffA, row.id);
    expect(got.status).toBe(200);
    expect(Buffer.compare(got.body as Buffer, bytes)).toBe(0);
    expect(got.headers['content-type']).toBe(type.startsWith('text/') ? `${type}; charset=utf-8` : type); // checked to be UTF-8 at upload
    expect(got.headers['x-content-type-options']).toBe('nosniff');
    expect(got.headers['content-disposition']).toBe(contentDisposition(name));
    expect(got.headers['content-disposition']).toMatch(/^attachment; filename="[^"]*"; filename\*=UTF-8''/);
    expect(got.headers['cache-control']).toMatch(/no-store/);
  });

  it("encodes the name as RFC 5987 says, with an ASCII stand-in", () => {
    expect(contentDisposition('Führerschein scan (1).png')).toBe(`attachment; filename="Fuhrerschein scan (1).png"; filename*=UTF-8''F%C3%BChrerschein%20scan%20%281%29.png`);
    expect(contentDisposition('a"b\\c.pdf')).toBe(`attachment; filename="a_b_c.pdf"; filename*=UTF-8''a%22b%5Cc.pdf`);
  });

  it("the lead's page offers the upload to every role that sees it", async () => {
    for (const agent of [staffA, agentA, superuser]) {
      const res = await agent.get(api('leads', `records/${ids.leadA}/show`));
      expect(res.body.record.recordActions.map((a: { name: string }) => a.name)).toContain('uploadDocument');
    }
  });

  it('puts the upload on the lead\'s timeline, by whom, as one write with the document; a refused upload adds no line', async () => {
    const res = await upload(agentA, ids.leadA, 'timeline.pdf', pdfFile('timeline'));
    expect(res.status).toBe(201);
    const line = await Activity.findOne({ where: { lead_id: ids.leadA, type: 'document', summary: 'Uploaded timeline.pdf' } });
    expect(line?.metadata).toMatchObject({ document_id: res.body.document.id, name: 'timeline.pdf', content_type: 'application/pdf' });
    expect(line?.user_id).toBe((await User.findOne({ where: { email: 'agent-a@test.co' } }))!.id);
    const lines = await Activity.count({ where: { type: 'document' } });
    expect((await upload(agentA, ids.leadA, 'forged.pdf', exeFile())).status).toBe(415);
    expect(await Activity.count({ where: { type: 'document' } })).toBe(lines);
  });

  it('lists the document under its lead, with a download link', async () => {
    const res = await upload(staffA, ids.leadA, 'listed.pdf', pdfFile('listed'));
    const list = await staffA.get(api('documents', `actions/list?filters.lead_id=${ids.leadA}&perPage=50`));
    const mine = list.body.records.find((r: { params: { id: number } }) => r.params.id === res.body.document.id);
    expect(mine.params).toMatchObject({ original_name: 'listed.pdf', download: `/admin/documents/${res.body.document.id}/download` });
    expect(mine.params.storage_key).toBeUndefined(); // where a file lives stays on the server
  });
});

describe('refused, and nothing stored', () => {
  it.each([
    ["an executable's bytes named .pdf", 'invoice.pdf', exeFile(), 415, 'type_not_allowed'],
    ['HTML named .png', 'photo.png', Buffer.from('<html><script>alert(document.cookie)</script></html>'), 422, 'content_mismatch'],
    ['a PDF named .png', 'photo.png', pdfFile(), 422, 'content_mismatch'],
    ['a plain zip named .docx', 'contract.docx', plainZipFile(), 415, 'type_not_allowed'],
    ['a Word document named .xlsx', 'sheet.xlsx', docxFile(), 422, 'content_mismatch'],
    ['text named .pdf', 'letter.pdf', Buffer.from('Dear Sir'), 422, 'content_mismatch'],
    ['a binary with NUL bytes named .txt', 'notes.txt', Buffer.from([0x41, 0x00, 0x42, 0x43]), 415, 'type_not_allowed'],
    ['invalid UTF-8 named .csv', 'list.csv', Buffer.from([0x61, 0x2c, 0xff, 0xfe, 0x0a]), 415, 'type_not_allowed'],
    ['a path-traversal name', '../../etc/passwd.txt', Buffer.from('root:x:0:0'), 422, 'name_has_path'],
    ['a path-traversal name with backslashes', '..\\..\\windows\\win.ini.txt', Buffer.from('[fonts]'), 422, 'name_has_path'],
    ['a URL-encoded path-traversal name', '..%2F..%2Fetc%2Fpasswd.txt', Buffer.from('root:x:0:0'), 422, 'name_has_path'],
    ['a URL-encoded backslash traversal', '%2e%2e%5c%2e%2e%5cboot.txt', Buffer.from('x'), 422, 'name_has_path'],
    ['an absolute path', '/etc/passwd.txt', Buffer.from('root'), 422, 'name_has_path'],
    ['a double extension', 'invoice.pdf.exe', exeFile(), 422, 'double_extension'],
    ['a double extension hiding behind a real PDF', 'invoice.exe.pdf', pdfFile(), 422, 'double_extension'],
    ['a type outside the list', 'macro.docm', docxFile(), 415, 'type_not_allowed'],
    ['a name without an ending', 'README', Buffer.from('text'), 422, 'name_no_extension'],
    ['an empty file', 'empty.txt', Buffer.alloc(0), 422, 'file_empty'],
  ])('%s', async (_label, name, bytes, status, code) => {
    const res = await storesNothing(() => upload(staffA, ids.leadA, name, bytes));
    expect(res.status).toBe(status);
    expect(res.body.code).toBe(code);
    expect(res.body.errors[0]).toMatchObject({ field: 'file', code: expect.any(String), message: expect.any(String) });
  });

  it('a body over the limit, whether it says so up front or not', async () => {
    const over = await storesNothing(() => upload(staffA, ids.leadA, 'big.pdf', Buffer.concat([pdfFile(), Buffer.alloc(MAX)])));
    expect(over.status).toBe(413);
    expect(over.body.errors[0]).toMatchObject({ field: 'file', code: 'too_large' });
    // Within the multipart allowance, so only the streamed count can catch it.
    const justOver = await storesNothing(() => upload(staffA, ids.leadA, 'big.pdf', Buffer.concat([pdfFile(), Buffer.alloc(MAX + 1 - pdfFile().length, 0x20)])));
    expect(justOver.status).toBe(413);
    const atLimit = await upload(staffA, ids.leadA, 'limit.pdf', Buffer.concat([pdfFile(), Buffer.alloc(MAX - pdfFile().length, 0x20)]));
    expect(atLimit.status).toBe(201);
  });

  it('a body that ends mid-stream', async () => {
    const { body, contentType } = multipart('cut.pdf', pdfFile());
    const cut = body.subarray(0, body.length - 40);
    const res = await storesNothing(() => staffA.post(uploadPath(ids.leadA)).set('Content-Type', contentType).send(cut));
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('invalid_upload');
  });

  it('a connection dropped mid-upload leaves nothing behind', async () => {
    const server = http.createServer(fixture.app).listen(0);
    try {
      const port = (server.address() as AddressInfo).port;
      const { body, contentType } = multipart('dropped.pdf', Buffer.concat([pdfFile(), Buffer.alloc(100_000, 0x20)]));
      const rows = await Document.count();
      await new Promise<void>((resolve) => {
        const req = http.request({ port, method: 'POST', path: uploadPath(ids.leadA), headers: {
          'Content-Type': contentType, 'Content-Length': body.length, Cookie: cookieA, 'Sec-Fetch-Site': 'same-origin',
        } });
        req.on('error', () => resolve());
        req.write(body.subarray(0, 50_000), () => setTimeout(() => { req.destroy(); resolve(); }, 100));
      });
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(await Document.count()).toBe(rows);
      expect(filesUnder(path.join(folder, '.tmp'))).toEqual([]);
    } finally {
      server.close();
    }
  });

  it('signed out, an upload is refused without reading it, and a download sends to the sign-in page', async () => {
    const anonymous = request.agent(fixture.app).set('Sec-Fetch-Site', 'same-origin');
    const res = await storesNothing(() => upload(anonymous as never, ids.leadA, 'a.pdf', pdfFile()));
    expect(res.status).toBe(401);
    const doc = (await upload(staffA, ids.leadA, 'mine.pdf', pdfFile())).body.document;
    const got = await anonymous.get(`/admin/documents/${doc.id}/download`);
    expect(got.status).toBe(302);
    expect(got.headers.location).toMatch(/\/admin\/login$/);
  });

  it('the cross-site guard refuses an upload without same-origin proof, or from another site', async () => {
    for (const provenance of [{}, { 'Sec-Fetch-Site': 'cross-site' }, { Origin: 'https://evil.example' }]) {
      const { body, contentType } = multipart('csrf.pdf', pdfFile());
      const res = await storesNothing(() => request(fixture.app).post(uploadPath(ids.leadA)).set('Cookie', cookieA)
        .set(provenance as Record<string, string>).set('Content-Type', contentType).send(body));
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('cross_site_request');
    }
    const { body, contentType } = multipart('same.pdf', pdfFile());
    const same = await request(fixture.app).post(uploadPath(ids.leadA)).set('Cookie', cookieA).set('Sec-Fetch-Site', 'same-origin').set('Content-Type', contentType).send(body);
    expect(same.status).toBe(201);
  });

  it('every other admin route still refuses files', async () => {
    const res = await staffA.post(api('leads', `records/${ids.leadA}/edit`)).field('first_name', 'Ann').attach('file', pdfFile(), 'a.pdf');
    expect(res.status).toBe(415);
  });
});

describe('isolation between organizations', () => {
  let docB: number;
  beforeAll(async () => {
    const res = await upload(staffB, ids.leadB, 'beta-only.pdf', pdfFile('beta'));
    expect(res.status).toBe(201); // the legitimate request succeeds
    docB = res.body.document.id;
  });

  it("staff of A cannot upload to B's lead, nor to a lead that does not exist", async () => {
    for (const lead of [ids.leadB, 999_999, 'abc']) {
      const res = await storesNothing(() => upload(staffA, lead, 'into-b.pdf', pdfFile()));
      expect(res.status).toBe(404);
    }
  });

  it("staff of A cannot download B's document by its id; B's staff and a superuser can", async () => {
    const refused = await staffA.get(`/admin/documents/${docB}/download`);
    expect(refused.status).toBe(404);
    expect(refused.text).not.toContain('beta');
    expect((await download(staffB, docB)).status).toBe(200);
    expect((await download(superuser, docB)).status).toBe(200);
  });

  it("staff of A do not see B's document in the list or by its page", async () => {
    const listA = await staffA.get(api('documents', 'actions/list?perPage=200'));
    expect(listA.body.records.map((r: { params: { id: number } }) => r.params.id)).not.toContain(docB);
    const listB = await staffB.get(api('documents', 'actions/list?perPage=200'));
    expect(listB.body.records.map((r: { params: { id: number } }) => r.params.id)).toContain(docB);
    const show = await staffA.get(api('documents', `records/${docB}/show`));
    expect(show.body.record?.params ?? {}).toEqual({});
  });

  it("staff of A cannot delete B's document; B's admin can, and its file goes with it", async () => {
    const key = (await Document.findByPk(docB))!.storage_key;
    const refused = await staffA.post(api('documents', `records/${docB}/delete`));
    expect(refused.status).toBeLessThan(500);
    expect(await Document.findByPk(docB)).not.toBeNull();
    const bulk = await staffA.post(api('documents', `bulk/bulkDelete?recordIds=${docB}`));
    expect(bulk.status).toBeLessThan(500);
    expect(await Document.findByPk(docB)).not.toBeNull();
    expect(fs.existsSync(path.join(folder, key))).toBe(true);
    const allowed = await staffB.post(api('documents', `records/${docB}/delete`));
    expect(allowed.body.notice?.type).toBe('success');
    expect(await Document.findByPk(docB)).toBeNull();
    expect(fs.existsSync(path.join(folder, key))).toBe(false);
  });
});

describe('who deletes, and what goes with a delete', () => {
  it("an agent deletes their own upload, not a colleague's", async () => {
    const own = (await upload(agentA, ids.leadA, 'agent.pdf', pdfFile())).body.document.id;
    const colleague = (await upload(staffA, ids.leadA, 'admin.pdf', pdfFile())).body.document.id;
    await agentA.post(api('documents', `records/${colleague}/delete`));
    expect(await Document.findByPk(colleague)).not.toBeNull();
    const res = await agentA.post(api('documents', `records/${own}/delete`));
    expect(res.body.notice?.type).toBe('success');
    expect(await Document.findByPk(own)).toBeNull();
  });

  it("deleting a lead in the admin removes its documents' files; bulk delete too", async () => {
    const make = async () => (await Lead.create({ first_name: 'Del', last_name: 'Ete', email: `d${Math.random()}@alpha.co`, organization_id: ids.orgA } as never)).id;
    for (const how of ['delete', 'bulk'] as const) {
      const lead = await make();
      const docs = [(await upload(staffA, lead, 'one.pdf', pdfFile())).body.document.id, (await upload(staffA, lead, 'two.png', pngFile())).body.document.id];
      const keys = (await Document.findAll({ where: { id: docs } })).map((d) => d.storage_key);
      keys.forEach((key) => expect(fs.existsSync(path.join(folder, key))).toBe(true));
      const res = how === 'delete' ? await staffA.post(api('leads', `records/${lead}/delete`)) : await staffA.post(api('leads', `bulk/bulkDelete?recordIds=${lead}`));
      expect(res.body.notice?.type).toBe('success');
      expect(await Document.count({ where: { lead_id: lead } })).toBe(0);
      keys.forEach((key) => expect(fs.existsSync(path.join(folder, key))).toBe(false));
    }
  });

  it('the sweep removes files no row refers to (a cascade outside the admin, a crash) and keeps the others', async () => {
    const lead = (await Lead.create({ first_name: 'Sw', last_name: 'Eep', email: 'sweep@alpha.co', organization_id: ids.orgA } as never)).id;
    const doomed = (await upload(staffA, lead, 'doomed.pdf', pdfFile())).body.document.id;
    const doomedKey = (await Document.findByPk(doomed))!.storage_key;
    const kept = (await upload(staffA, ids.leadA, 'kept.pdf', pdfFile())).body.document.id;
    const keptKey = (await Document.findByPk(kept))!.storage_key;
    await fixture.sequelize.query('DELETE FROM leads WHERE id = $1', { bind: [lead] }); // rows cascade; the file stays
    const stray = newStorageKey(ids.orgB);
    await store.put(stray, Buffer.from('left by a crash'), { size: 15, contentType: 'text/plain' });
    fs.writeFileSync(path.join(folder, '.tmp', 'half-written'), 'x');
    expect(fs.existsSync(path.join(folder, doomedKey))).toBe(true);

    const young = await sweepOrphanDocuments({ store, documentsDir: folder }); // within the grace period, nothing is judged
    expect(young.removed).toBe(0);
    const progress: number[] = [];
    const result = await sweepOrphanDocuments({ store, documentsDir: folder, graceMs: 0, now: new Date(Date.now() + 1000), onProgress: (p: { checked: number }) => progress.push(p.checked) });
    expect(result).toMatchObject({ removed: 2, staleTemporary: 1 });
    expect(progress.length).toBeGreaterThan(0);
    expect(fs.existsSync(path.join(folder, doomedKey))).toBe(false);
    expect(fs.existsSync(path.join(folder, stray))).toBe(false);
    expect(fs.existsSync(path.join(folder, keptKey))).toBe(true);
    expect(filesUnder(path.join(folder, '.tmp'))).toEqual([]);
  });

  it('a document whose file has gone missing answers 404, not a broken download', async () => {
    const doc = (await upload(staffA, ids.leadA, 'lost.pdf', pdfFile())).body.document.id;
    fs.rmSync(path.join(folder, (await Document.findByPk(doc))!.storage_key));
    const res = await staffA.get(`/admin/documents/${doc}/download`);
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('document_file_missing');
  });
});
