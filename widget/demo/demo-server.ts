import { readFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express from 'express';

const DEMO_DIR = path.dirname(fileURLToPath(import.meta.url));
const PAGES = new Set(['index.html', 'popup.html']);

export interface DemoOptions {
  /** Where LeadHarbor runs, e.g. `http://localhost:3000`: the page loads `/widget.js` from there. */
  appOrigin: string;
  /** A publishable key whose allowed origins include this page's origin. */
  siteKey: string;
  port?: number;
  host?: string;
}

export interface DemoServer {
  url: string;
  /**
   * Serves `html` at `/<name>` on this origin (tests and benchmarks use it for
   * host pages of their own). A page Chromium gets from a test's route
   * interception counts as public, and its requests to the loopback app are
   * then blocked as private network access; one served from here is local.
   * `headers` go with it (a Content-Security-Policy, say); a name ending in
   * `.js` is served as a script.
   */
  setPage(name: string, html: string, headers?: Record<string, string>): void;
  close(): Promise<void>;
}

const attribute = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * A partner's page on an origin of its own, embedding the widget exactly as
 * the site key's admin page tells a partner to: the real cross-origin
 * situation (CORS, allowed origins) on one machine. `%APP_ORIGIN%` and
 * `%SITE_KEY%` in the pages are filled in per request.
 */
export async function startDemoServer({ appOrigin, siteKey, port = 0, host = '127.0.0.1' }: DemoOptions): Promise<DemoServer> {
  const app = express();
  app.disable('x-powered-by');
  const extra = new Map<string, { body: string; headers: Record<string, string> }>();
  app.get(['/', '/:page'], async (req, res, next) => {
    const page = req.params.page ?? 'index.html';
    const custom = extra.get(page);
    if (custom !== undefined) {
      return void res.type(page.endsWith('.js') ? 'js' : 'html').set({ 'Cache-Control': 'no-store', ...custom.headers }).send(custom.body);
    }
    if (!PAGES.has(page)) return next();
    const html = await readFile(path.join(DEMO_DIR, page), 'utf8');
    res.type('html').set('Cache-Control', 'no-store')
      .send(html.replaceAll('%APP_ORIGIN%', attribute(appOrigin.replace(/\/+$/, ''))).replaceAll('%SITE_KEY%', attribute(siteKey)));
  });
  app.get('/demo.css', (_req, res) => res.sendFile(path.join(DEMO_DIR, 'demo.css')));
  const server: Server = app.listen(port, host);
  await new Promise<void>((resolve, reject) => { server.once('listening', resolve).once('error', reject); });
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://${host === '0.0.0.0' ? 'localhost' : host}:${bound}`,
    setPage: (name, html, headers = {}) => { extra.set(name, { body: html, headers }); },
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
