import { deflateSync, gzipSync } from 'node:zlib';
import request from 'supertest';
import { canonicalJson } from '../../server/intake/request-hash.js';
import {
  createIntakeFixture, expectProblem, rowCounts, validLead, type IntakeFixture,
} from '../support/intake-fixture.js';

/**
 * The intake's request body as bytes: text that is not UTF-8, compressed
 * bodies and encodings that are not supported, and idempotent retries whose
 * JSON is spelled differently (the text inside it: intake-text.test.ts).
 * Each guard is tested beside the legitimate request it lets through.
 */
let f: IntakeFixture;
beforeAll(async () => { f = await createIntakeFixture('intake_body'); });
afterAll(async () => { await f?.close(); });

const leadRow = async (id: number) => (await f.client.query('SELECT * FROM leads WHERE id = $1', [id])).rows[0];

describe('bytes and encodings', () => {
  /** The bytes exactly as given: superagent would otherwise serialise a Buffer as JSON. */
  const postBytes = (bytes: Buffer, headers: Record<string, string> = {}) => request(f.app).post('/api/v1/leads')
    .set({ 'Content-Type': 'application/json', Authorization: `Bearer ${f.keys.skA}`, ...headers })
    .serialize((raw: unknown) => raw as string).send(bytes);
  const lead = () => JSON.stringify(validLead({ first_name: 'José' }));
  const latin1 = () => Buffer.from(lead(), 'latin1');

  it.each([
    ['Latin-1 bytes (é as 0xE9)', latin1],
    ['a truncated UTF-8 sequence', () => Buffer.concat([Buffer.from(lead().slice(0, -2)), Buffer.from([0xe2, 0x82]), Buffer.from('"}')])],
    ['an overlong encoding of "/"', () => { const [a, b] = lead().split('José') as [string, string]; return Buffer.concat([Buffer.from(`${a}Jos`), Buffer.from([0xc0, 0xaf]), Buffer.from(b)]); }],
    ['a UTF-8-encoded lone surrogate (CESU)', () => Buffer.concat([Buffer.from('{"notes":"'), Buffer.from([0xed, 0xa0, 0xbd]), Buffer.from('"}')])],
  ])('%s: 400 invalid_body, never turned into U+FFFD, and nothing written', async (_name, bytes) => {
    const before = await rowCounts(f);
    const res = await postBytes(bytes());
    expectProblem(res, 400, 'invalid_body');
    expect(res.body.detail).toMatch(/UTF-8/);
    expect(await rowCounts(f)).toEqual(before);
  });

  it('the same lead in UTF-8 (with or without a BOM) is stored with its accent', async () => {
    for (const bytes of [Buffer.from(lead(), 'utf8'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(lead(), 'utf8')])]) {
      const res = await postBytes(bytes);
      expect(res.status).toBe(201);
      expect((await leadRow(res.body.lead_id)).first_name).toBe('José');
    }
  });

  it.each([['gzip', gzipSync], ['deflate', deflateSync], ['GZip', gzipSync], ['x-gzip', gzipSync]])('a %s body is inflated and stored', async (encoding, compress) => {
    const res = await postBytes(compress(Buffer.from(lead())), { 'Content-Encoding': encoding });
    expect(res.status).toBe(201);
    expect((await leadRow(res.body.lead_id)).first_name).toBe('José');
  });

  it.each(['br', 'compress', 'foo', 'gzip, br'])('Content-Encoding %s is a 415 unsupported_content_encoding, and nothing is written', async (encoding) => {
    const before = await rowCounts(f);
    expectProblem(await postBytes(gzipSync(Buffer.from(lead())), { 'Content-Encoding': encoding }), 415, 'unsupported_content_encoding');
    expect(await rowCounts(f)).toEqual(before);
  });

  it('a corrupt gzip body is a 400 invalid_body; one that inflates past 16 kB is a 413', async () => {
    const gz = gzipSync(Buffer.from(lead()));
    const corrupt = Buffer.concat([gz.subarray(0, 10), Buffer.alloc(20, 0x55), gz.subarray(30)]);
    expectProblem(await postBytes(corrupt, { 'Content-Encoding': 'gzip' }), 400, 'invalid_body');
    expectProblem(await postBytes(Buffer.from('not gzip at all'), { 'Content-Encoding': 'gzip' }), 400, 'invalid_body');
    const bomb = gzipSync(Buffer.from(JSON.stringify(validLead({ notes: 'x'.repeat(40_000) }))));
    expect(bomb.length).toBeLessThan(1024);
    expectProblem(await postBytes(bomb, { 'Content-Encoding': 'gzip' }), 413, 'payload_too_large');
  });

  it('gzip bytes sent without a Content-Encoding are not JSON (400), not a 500', async () => {
    const res = await postBytes(gzipSync(Buffer.from(lead())));
    expect(res.status).toBe(400);
    expect(['invalid_body', 'invalid_json']).toContain(res.body.code);
  });
});

describe('idempotency compares the parsed body', () => {
  const reordered = (body: Record<string, unknown>) => {
    const reversed = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).reverse());
    return JSON.stringify(reversed({ ...body, consent: reversed(body.consent as Record<string, unknown>) }), null, 2);
  };

  it('canonicalJson sorts keys recursively and drops spacing', () => {
    expect(canonicalJson(JSON.parse('{ "b": [ {"y":1, "x":2} ], "a": {"d":null,"c":"é"} }'))).toBe('{"a":{"c":"é","d":null},"b":[{"x":2,"y":1}]}');
    expect(canonicalJson(JSON.parse('[1.0, 2e1, "a\\u0062"]'))).toBe('[1,20,"ab"]');
  });

  it('the same JSON with other spacing and key order is a replay (201, Idempotent-Replayed, same reference), writing nothing', async () => {
    const body = validLead();
    const key = { 'Idempotency-Key': `text-replay-${Date.now()}` };
    const first = await f.postAsServer(JSON.stringify(body), key);
    expect(first.status).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const before = await rowCounts(f);
    for (const text of [reordered(body), ` ${JSON.stringify(body, null, '\t')}\r\n`]) {
      const again = await f.postAsServer(text, key);
      expect(again.status).toBe(201);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.body).toEqual(first.body);
    }
    expect(await rowCounts(f)).toEqual(before);
  });

  it('a body with a different value under the same key is still a 409, whatever its spacing', async () => {
    const body = validLead();
    const key = { 'Idempotency-Key': `text-conflict-${Date.now()}` };
    expect((await f.postAsServer(body, key)).status).toBe(201);
    const changed = { ...body, consent: { ...(body.consent as object), version: 'v2' } };
    expectProblem(await f.postAsServer(reordered(changed), key), 409, 'idempotency_conflict');
    expectProblem(await f.postAsServer({ ...body, first_name: 'Marie' }, key), 409, 'idempotency_conflict');
  });
});
