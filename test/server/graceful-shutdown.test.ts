import { spawn } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { trackRequests, type RequestTracker } from '../../server/http/graceful-shutdown.js';
import { TEST_ENV, createIntakeFixture, validLead, type IntakeFixture } from '../support/intake-fixture.js';

/**
 * Shutting down under load: every request the server received is answered in
 * full and its lead is stored; a request on a connection opened after the
 * shutdown began gets a clean 503 (nothing saved, retry elsewhere); none is
 * reset halfway.
 */

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BURST = 200;
const SOCKETS = 20;

let f: IntakeFixture;
beforeAll(async () => { f = await createIntakeFixture('graceful_shutdown'); });
afterAll(async () => { await f?.close(); });

type Outcome = { status: number; headers: http.IncomingHttpHeaders; body: string } | { error: string };

/** One POST /api/v1/leads with Alpha's secret key; resolves with the whole answer or the error code, never rejects. */
function submit(port: number, agent: http.Agent, body: unknown = validLead()): Promise<Outcome> {
  const payload = JSON.stringify(body);
  return new Promise((resolve) => {
    const req = http.request({
      host: '127.0.0.1', port, path: '/api/v1/leads', method: 'POST', agent, timeout: 20_000,
      headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload), Authorization: `Bearer ${f.keys.skA}` },
    }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (chunk: string) => { text += chunk; });
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: text }));
      res.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }));
    });
    req.on('timeout', () => req.destroy(Object.assign(new Error('timed out'), { code: 'TIMEOUT' })));
    req.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }));
    req.end(payload);
  });
}

/** Fires BURST submissions over SOCKETS keep-alive connections and calls `stop` once `after` of them are answered. */
async function burst(port: number, after: number, stop: () => void): Promise<Outcome[]> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: SOCKETS });
  let answered = 0;
  try {
    return await Promise.all(Array.from({ length: BURST }, () => submit(port, agent).then((outcome) => {
      answered += 1;
      if (answered === after) stop();
      return outcome;
    })));
  } finally {
    agent.destroy();
  }
}

/** A whole 503 saying the server is shutting down, that closes its connection and says when to retry. */
function turnedAway(outcome: Outcome): boolean {
  return 'status' in outcome && outcome.status === 503 && outcome.headers.connection === 'close' && outcome.headers['retry-after'] === '1'
    && JSON.parse(outcome.body).code === 'shutting_down';
}

/** Every outcome is a complete 201 or a clean 503; every 201's lead is stored. Returns the number of 201s. */
async function expectAnsweredOrTurnedAway(outcomes: Outcome[]): Promise<number> {
  const unexpected = outcomes.filter((o) => !('status' in o && o.status === 201) && !turnedAway(o));
  expect(unexpected).toEqual([]);
  const leadIds = outcomes.flatMap((o) => ('status' in o && o.status === 201 ? [JSON.parse(o.body).lead_id as number] : []));
  const { rows } = await f.client.query('SELECT count(*)::int AS n FROM leads WHERE id = ANY($1::int[])', [leadIds]);
  expect(rows[0].n).toBe(leadIds.length);
  return leadIds.length;
}

async function listen(): Promise<{ server: http.Server; requests: RequestTracker; port: number }> {
  const server = http.createServer(f.app);
  const requests = trackRequests(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, requests, port: (server.address() as AddressInfo).port };
}

async function until(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  for (const deadline = Date.now() + timeoutMs; !condition(); await new Promise((r) => setTimeout(r, 10))) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
  }
}

describe('drainAndClose', () => {
  it(`answers every submission of a ${BURST}-request burst it received and stores each lead; later connections get a clean 503`, async () => {
    const { requests, port } = await listen();
    let drained: ReturnType<RequestTracker['drainAndClose']> | undefined;
    let inFlightAtStop = 0;
    const outcomes = await burst(port, 40, () => {
      inFlightAtStop = requests.inFlight();
      drained = requests.drainAndClose({ timeoutMs: 10_000 });
    });
    await expect(drained).resolves.toEqual({ timedOut: false, abandoned: 0 });
    expect(await submit(port, new http.Agent())).toEqual({ error: 'ECONNREFUSED' }); // once drained, the listener is closed
    expect(inFlightAtStop).toBeGreaterThan(0); // the stop came while requests were being handled
    const created = await expectAnsweredOrTurnedAway(outcomes);
    expect(created).toBeGreaterThanOrEqual(40 + inFlightAtStop);
    expect(created).toBeLessThan(BURST); // the drain did begin mid-burst
    expect(requests.inFlight()).toBe(0);
  }, 60_000);

  it('answers a request that arrives during the drain on an idle keep-alive connection, with Connection: close', async () => {
    const { requests, port } = await listen();
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const first = await submit(port, agent);
      expect(first).toMatchObject({ status: 201, headers: { connection: 'keep-alive' } });

      // A slow upload keeps the drain going: its headers are in, its body is not.
      const payload = JSON.stringify(validLead());
      const slow = new Promise<Outcome>((resolve) => {
        const req = http.request({
          host: '127.0.0.1', port, path: '/api/v1/leads', method: 'POST', agent: false,
          headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload), Authorization: `Bearer ${f.keys.skA}` },
        }, (res) => {
          let text = '';
          res.setEncoding('utf8').on('data', (c: string) => { text += c; }).on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: text }));
        });
        req.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }));
        req.write(payload.slice(0, 10));
        setTimeout(() => req.end(payload.slice(10)), 1_000);
      });
      await until(() => requests.inFlight() === 1);

      const drained = requests.drainAndClose({ timeoutMs: 10_000 });
      const fresh = new http.Agent();
      expect(turnedAway(await submit(port, fresh))).toBe(true); // a new connection is not served
      fresh.destroy();

      const during = await submit(port, agent); // on the connection the first request left open
      expect(during).toMatchObject({ status: 201, headers: { connection: 'close' } });
      expect(await slow).toMatchObject({ status: 201, headers: { connection: 'close' } });
      await expect(drained).resolves.toEqual({ timedOut: false, abandoned: 0 });
      await expectAnsweredOrTurnedAway([first, during, await slow]);
    } finally {
      agent.destroy();
    }
  }, 30_000);

  it('gives up after timeoutMs: closes the connections of requests still unanswered and says how many', async () => {
    const { requests, port } = await listen();
    const stuck = http.request({ host: '127.0.0.1', port, path: '/api/v1/leads', method: 'POST', agent: false,
      headers: { 'Content-Type': 'application/json', 'Content-Length': '1000', Authorization: `Bearer ${f.keys.skA}` } });
    const stuckOutcome = new Promise<string>((resolve) => { stuck.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message)); });
    stuck.write('{"first_name":');
    await until(() => requests.inFlight() === 1);
    const startedAt = Date.now();
    await expect(requests.drainAndClose({ timeoutMs: 300 })).resolves.toEqual({ timedOut: true, abandoned: 1 });
    expect(Date.now() - startedAt).toBeLessThan(3_000);
    expect(await stuckOutcome).toBe('ECONNRESET');
  }, 30_000);
});

describe('npm start under SIGTERM (a real process)', () => {
  it(`answers the ${BURST}-request burst it received (201, or 503 once the drain began), stores each lead and exits 0`, async () => {
    const env: NodeJS.ProcessEnv = {
      ...process.env, ...TEST_ENV, DATABASE_URL: f.db.url, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', SHUTDOWN_TIMEOUT_MS: '10000',
    };
    delete env.NODE_OPTIONS; // Jest's --experimental-vm-modules is not the app's business
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => { output += chunk.toString(); });
    child.stderr!.on('data', (chunk: Buffer) => { output += chunk.toString(); });
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
      child.once('close', (code, signal) => resolve({ code, signal }));
    });
    const killer = setTimeout(() => child.kill('SIGKILL'), 50_000);
    try {
      await until(() => /LeadHarbor listening on http:\/\/[^:]+:\d+/.test(output) || child.exitCode !== null, 40_000);
      const port = Number(/LeadHarbor listening on http:\/\/[^:]+:(\d+)/.exec(output)?.[1]);
      expect(port).toBeGreaterThan(0);

      const outcomes = await burst(port, 40, () => child.kill('SIGTERM'));
      const created = await expectAnsweredOrTurnedAway(outcomes);
      expect(created).toBeGreaterThanOrEqual(40);
      expect(await exited).toEqual({ code: 0, signal: null });
      expect(output).toMatch(/SIGTERM: shutting down/);
      expect(output).toMatch(/Stopped/);
      expect(output).not.toMatch(/unhandled error|\berror\b.*request/i);
    } finally {
      clearTimeout(killer);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    }
  }, 60_000);
});
