import { readdirSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import request from 'supertest';
import { Lead } from '../../models/index.js';
import { ADMIN_BODY_MAX_BYTES, ADMIN_BODY_MAX_FIELDS } from '../../server/admin/admin-body.js';
import { adminApi as api, createAdminFixture, type AdminFixture } from '../support/admin-fixture.js';

/**
 * Class 8 of issue 9: no body a signed-out visitor sends is kept on disk,
 * every admin body has size and count limits, and a bad one is a 4xx with a
 * readable reason. express-formidable (which @adminjs/express installs) writes
 * uploads and octet-stream bodies to os.tmpdir() as `upload_<hex>`: after
 * every test, no such file is new there. (Jest gives tests a copy of
 * process.env, so pointing TMPDIR elsewhere would not reach Node's os module.)
 */
let fixture: AdminFixture;
let staff: Awaited<ReturnType<AdminFixture['login']>>['agent'];
let cookie: string;
const uploads = () => new Set(readdirSync(os.tmpdir()).filter((name) => name.startsWith('upload_')));
let before = new Set<string>();

beforeAll(async () => {
  fixture = await createAdminFixture('uploads');
  const login = await fixture.login('staff-a@test.co');
  staff = login.agent;
  cookie = login.res.headers['set-cookie']![0]!.split(';')[0]!;
});
afterAll(async () => {
  await fixture.close();
});
beforeEach(() => { before = uploads(); });
afterEach(async () => {
  await new Promise((resolve) => setTimeout(resolve, 50)); // a file a parser opened is on disk by now
  expect([...uploads()].filter((name) => !before.has(name))).toEqual([]);
});

const edit = () => api('leads', `records/${fixture.ids.leadA}/edit`);
const leadName = async () => (await Lead.findByPk(fixture.ids.leadA))!.first_name;
const anonymous = () => request(fixture.app);

describe('signed out, a body is not even read', () => {
  it.each([
    ['a multipart form with a file', (r: request.Test) => r.field('first_name', 'X').attach('photo', Buffer.alloc(64 * 1024, 1), 'photo.jpg')],
    ['an octet-stream body', (r: request.Test) => r.set('Content-Type', 'application/octet-stream').send(Buffer.alloc(64 * 1024, 1))],
    ['a JSON body', (r: request.Test) => r.send({ first_name: 'X' })],
  ])('%s to an admin route is answered with the way to sign in, and nothing is stored', async (_label, build) => {
    const res = await build(anonymous().post(edit()).set('Sec-Fetch-Site', 'same-origin'));
    expect(res.status).toBe(302);
    expect(res.headers.location).toMatch(/\/admin\/login$/);
    expect(await leadName()).toBe('Ann');
  });

  it('the sign-in form is read, within the same limits', async () => {
    const huge = await anonymous().post('/admin/login').set('Sec-Fetch-Site', 'same-origin').type('form')
      .send({ email: 'staff-a@test.co', password: 'x'.repeat(ADMIN_BODY_MAX_BYTES + 1) });
    expect(huge.status).toBe(413);
    const upload = await anonymous().post('/admin/login').set('Sec-Fetch-Site', 'same-origin')
      .field('email', 'staff-a@test.co').attach('password', Buffer.from('correct-horse-battery'), 'password.txt');
    expect(upload.status).toBe(415);
  });
});

describe('signed in, bodies have limits and refuse files', () => {
  it.each([
    ['multipart', (r: request.Test, name: string) => r.field('first_name', name)],
    ['URL-encoded', (r: request.Test, name: string) => r.type('form').send({ first_name: name })],
    ['JSON', (r: request.Test, name: string) => r.send({ first_name: name })],
  ])('a %s edit of a normal size is saved', async (label, build) => {
    const res = await build(staff.post(edit()), `Ann ${label}`);
    expect(res.status).toBe(200);
    expect(res.body.notice.type).toBe('success');
    expect(await leadName()).toBe(`Ann ${label}`);
  });

  const big = 'x'.repeat(ADMIN_BODY_MAX_BYTES + 1);
  it.each([
    ['a multipart field over the limit', (r: request.Test) => r.field('first_name', big)],
    ['a URL-encoded body over the limit', (r: request.Test) => r.type('form').send({ first_name: big })],
    ['a JSON body over the limit', (r: request.Test) => r.send({ first_name: big })],
    ['a multipart form with more fields than any admin form', (r: request.Test) => {
      for (let i = 0; i <= ADMIN_BODY_MAX_FIELDS; i += 1) r.field(`f${i}`, 'x');
      return r;
    }],
    ['a URL-encoded form with more fields than any admin form', (r: request.Test) =>
      r.type('form').send(Array.from({ length: ADMIN_BODY_MAX_FIELDS + 1 }, (_, i) => `f${i}=x`).join('&'))],
  ])('%s is a 413 with the limit in words, and nothing is saved', async (_label, build) => {
    const before = await leadName();
    const res = await build(staff.post(edit()));
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ code: 'body_too_large', detail: expect.stringContaining('KB') });
    expect(await leadName()).toBe(before);
  });

  it.each([
    ['a file part', (r: request.Test) => r.field('first_name', 'X').attach('first_name', Buffer.from('x'), 'name.txt')],
    ['a file part with an empty file name', (r: request.Test) => r.attach('notes', Buffer.from('x'), '')],
    ['an octet-stream body', (r: request.Test) => r.set('Content-Type', 'application/octet-stream').send(Buffer.from('x'))],
    ['a body of an unknown type', (r: request.Test) => r.set('Content-Type', 'text/plain').send('first_name=X')],
  ])('%s is refused with a 415 and no temporary file', async (_label, build) => {
    const before = await leadName();
    const res = await build(staff.post(edit()));
    expect(res.status).toBe(415);
    expect(res.body.detail).toMatch(/file uploads|forms .* and JSON/);
    expect(await leadName()).toBe(before);
  });

  it.each([
    ['multipart without a boundary', (r: request.Test) => r.set('Content-Type', 'multipart/form-data').send('--x\r\nContent-Disposition: form-data; name="first_name"\r\n\r\nX\r\n--x--')],
    ['multipart cut off mid-part', (r: request.Test) => r.set('Content-Type', 'multipart/form-data; boundary=x').send('--x\r\nContent-Disposition: form-data; name="first_name"\r\n\r\nX')],
    ['JSON that does not parse', (r: request.Test) => r.set('Content-Type', 'application/json').send('{"first_name": ')],
    ['JSON that is a list, not fields', (r: request.Test) => r.set('Content-Type', 'application/json').send('["first_name"]')],
  ])('%s is a 400 saying the form could not be read', async (_label, build) => {
    const before = await leadName();
    const res = await build(staff.post(edit()));
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'invalid_body', detail: expect.stringContaining('The form could not be read') });
    expect(await leadName()).toBe(before);
  });
});

/** Raw HTTP for what supertest cannot send: a chunked body with no length, and an upload cut off by the client. */
async function rawPost(headers: Record<string, string>, write: (req: http.ClientRequest) => void): Promise<number | 'reset'> {
  const server = http.createServer(fixture.app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    return await new Promise((resolve) => {
      const req = http.request({ host: '127.0.0.1', port: (server.address() as AddressInfo).port, method: 'POST', path: edit(), headers: { Cookie: cookie, 'Sec-Fetch-Site': 'same-origin', ...headers } });
      req.on('response', (res) => { res.resume(); resolve(res.statusCode!); });
      req.on('error', () => resolve('reset'));
      write(req);
    });
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

describe('bodies without a length, and uploads cut off', () => {
  it('a chunked multipart body that grows past the limit is stopped with a 413', async () => {
    const status = await rawPost({ 'Content-Type': 'multipart/form-data; boundary=x', 'Transfer-Encoding': 'chunked' }, (req) => {
      req.write('--x\r\nContent-Disposition: form-data; name="notes"\r\n\r\n');
      const chunk = 'y'.repeat(64 * 1024);
      for (let sent = 0; sent <= ADMIN_BODY_MAX_BYTES; sent += chunk.length) req.write(chunk);
      req.end('\r\n--x--\r\n');
    });
    expect(status).toBe(413);
  });

  it('an upload the client abandons half-way leaves nothing behind, and the admin keeps answering', async () => {
    const status = await rawPost({ 'Content-Type': 'multipart/form-data; boundary=x', 'Content-Length': '100000' }, (req) => {
      req.write('--x\r\nContent-Disposition: form-data; name="notes"\r\n\r\nhalf');
      setTimeout(() => req.destroy(), 100);
    });
    expect(status).toBe('reset');
    const res = await staff.post(edit()).field('first_name', 'Ann');
    expect(res.body.notice.type).toBe('success');
  });
});
