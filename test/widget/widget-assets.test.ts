import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import request from 'supertest';
import { errorHandler, notFound } from '../../server/errors.js';
import { createLogger } from '../../server/logger.js';
import { widgetAssets } from '../../server/widget/widget-assets.js';
import { WIDGET_STUB_JS } from '../../server/widget/widget-stub.js';

/** The widget router alone (no database): it serves files, building them on first request outside production. */
function appServing(dir: string, buildOnDemand: boolean) {
  const logger = createLogger('silent');
  return express().use(widgetAssets({ dir, buildOnDemand, logger })).use(notFound).use(errorHandler(logger));
}

let dir: string;
let app: express.Express;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'lh-widget-serve-'));
  app = appServing(dir, true);
});
afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

const manifest = async () => JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8'));

describe('GET /widget.js', () => {
  it('builds the widget on the first request, then serves it as a public script with a short cache and an ETag', async () => {
    const res = await request(app).get('/widget.js').set('Accept-Encoding', 'identity');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/javascript; charset=utf-8');
    expect(res.headers['cache-control']).toBe('public, max-age=300');
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers.etag).toMatch(/^"[\w-]{27}"$/);
    expect(res.text).toBe(await readFile(path.join(dir, 'widget.js'), 'utf8'));
  }, 60_000);

  it('answers 304 to a matching If-None-Match, and compresses for browsers that accept it', async () => {
    const first = await request(app).get('/widget.js');
    const again = await request(app).get('/widget.js').set('If-None-Match', first.headers.etag!);
    expect(again.status).toBe(304);
    const gz = await request(app).get('/widget.js').set('Accept-Encoding', 'gzip').buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.headers.vary).toContain('Accept-Encoding');
    // supertest has already unzipped it: the same bytes as the file.
    expect((gz.body as Buffer).equals(await readFile(path.join(dir, 'widget.js')))).toBe(true);
  });
});

describe("conditional requests as Chromium's fetch() sends them", () => {
  // fetch() turns a request with If-None-Match into cache mode no-store, which adds these two headers.
  const FETCH_REVALIDATION = { 'Cache-Control': 'no-cache', Pragma: 'no-cache' };

  it('answers 304 for widget.js and each hashed chunk when the ETag matches, and the whole file for another ETag', async () => {
    const { entry, steps } = await manifest();
    for (const name of ['widget.js', entry, steps]) {
      const first = await request(app).get(`/${name}`);
      expect([name, first.status]).toEqual([name, 200]);
      const same = await request(app).get(`/${name}`).set({ 'If-None-Match': first.headers.etag!, ...FETCH_REVALIDATION });
      expect([name, same.status, same.text]).toEqual([name, 304, '']);
      expect(same.headers.etag).toBe(first.headers.etag);
      const weakInAList = await request(app).get(`/${name}`).set({ 'If-None-Match': `"old", W/${first.headers.etag}`, ...FETCH_REVALIDATION });
      expect([name, weakInAList.status]).toEqual([name, 304]);
      const other = await request(app).get(`/${name}`).set({ 'If-None-Match': '"another-version"', ...FETCH_REVALIDATION }).set('Accept-Encoding', 'identity');
      expect([name, other.status]).toEqual([name, 200]);
      expect(other.text).toBe(await readFile(path.join(dir, name), 'utf8'));
    }
  });
});

describe('GET /widget-stub.js', () => {
  it('serves the pre-load stub as a tiny public script cached for a day, with an ETag and a 304', async () => {
    const res = await request(app).get('/widget-stub.js').set('Accept-Encoding', 'identity');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/javascript; charset=utf-8');
    expect(res.headers['cache-control']).toBe('public, max-age=86400');
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.text).toBe(WIDGET_STUB_JS);
    expect(res.text.length).toBeLessThan(120);
    const again = await request(app).get('/widget-stub.js').set('If-None-Match', res.headers.etag);
    expect(again.status).toBe(304);
  });
});

describe('hashed files', () => {
  it('serves widget.<hash>.js and the second chunk as immutable for a year, and their source maps', async () => {
    const { entry, steps } = await manifest();
    for (const name of [entry, steps]) {
      const res = await request(app).get(`/${name}`);
      expect(res.status).toBe(200);
      expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    }
    const map = await request(app).get(`/${steps}.map`);
    expect(map.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(map.body.version).toBe(3);
    expect((await request(app).get('/widget.js.map')).status).toBe(200);
  });

  it('answers 404 for a hash that does not exist and for names that are not widget files', async () => {
    expect((await request(app).get('/widget.AAAAAAAAAA.js')).status).toBe(404);
    expect((await request(app).get('/widget..%2Fmanifest.json')).status).toBe(404);
    expect((await request(app).get('/widgets.js')).status).toBe(404);
  });
});

it('in production, tells the operator to build instead of building', async () => {
  const empty = await mkdtemp(path.join(os.tmpdir(), 'lh-widget-none-'));
  try {
    const res = await request(appServing(empty, false)).get('/widget.js');
    expect(res.status).toBe(503);
    expect(res.body.detail).toContain('npm run build:widget');
  } finally {
    await rm(empty, { recursive: true, force: true });
  }
});
