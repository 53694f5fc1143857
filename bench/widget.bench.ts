/**
 * Widget benchmark: what a visitor downloads before the form's first step
 * shows, and how long that takes, beside a baseline measured in the same run:
 * a ~1 kB hand-written script that fetches the same widget-config and draws
 * plain product buttons (the least any embed must do). Both load cold (fresh
 * browser context) from the app's origin into the partner demo page's origin,
 * in headless Chromium. Sizes are set beside Typeform's published embed
 * script (@typeform/embed); HubSpot publishes its forms embed only on its CDN,
 * not as a package, so it cannot be measured offline.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import express from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startWidgetWorld } from '../test/support/widget-world.js';
import { SERVER_URL } from './support.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 9);

const BASELINE_JS = `(function(){var s=document.currentScript,k=s.dataset.key,api=s.dataset.api,t=document.querySelector(s.dataset.target);
fetch(api+'/api/v1/widget-config?key='+encodeURIComponent(k)).then(function(r){return r.json()}).then(function(c){
var d=document.createElement('div');d.setAttribute('data-baseline-step','product');
d.innerHTML='<h2>Get a quote from '+c.organization.name+'</h2>'+c.products.map(function(p){return '<button type="button">'+p.label+'</button>'}).join('');
t.appendChild(d);});})();`;

/** Polls every frame-ish tick for the first step's buttons; records when they exist. */
const PROBE = `window.__firstStep = null;
(function tick(){
  var w = document.querySelector('leadharbor-widget');
  var hit = (w && w.shadowRoot && w.shadowRoot.querySelector('[data-step="product"] button')) || document.querySelector('[data-baseline-step] button');
  if (hit) { window.__firstStep = performance.now(); return; }
  setTimeout(tick, 1);
})();`;

const page = (script: string) => `<!doctype html><html><head><meta charset="utf-8"><title>bench</title></head>
<body><h1>Partner page</h1><div id="quote"></div>${script}</body></html>`;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const gz = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(2)} kB`;

async function main(): Promise<void> {
  // The test world makes its database on DATABASE_URL's server; the benches default to the local one.
  process.env.DATABASE_URL ||= SERVER_URL;
  process.stdout.write('Starting the app, the partner page and Chromium\n');
  const world = await startWidgetWorld('bench_widget');
  const baselineApp = express().get('/baseline.js', (_req, res) => res.type('application/javascript').send(BASELINE_JS));
  const baselineServer: Server = await new Promise((resolve) => { const s = baselineApp.listen(0, '127.0.0.1', () => resolve(s)); });
  const baselineURL = `http://127.0.0.1:${(baselineServer.address() as AddressInfo).port}`;
  try {
    const variants = {
      baseline: page(`<script async src="${baselineURL}/baseline.js" data-key="${world.siteKey}" data-api="${world.appURL}" data-target="#quote"></script>`),
      widget: page(`<script async src="${world.appURL}/widget.js" data-key="${world.siteKey}" data-target="#quote"></script>`),
    };
    for (const [name, html] of Object.entries(variants)) world.servePage(`bench-${name}.html`, html);
    const results: Record<string, { fromScript: number[]; fromNavigation: number[] }> = {};
    for (let round = 0; round <= ROUNDS; round++) {
      for (const [name, html] of Object.entries(variants)) {
        const { context } = await world.newContext();
        await context.addInitScript(PROBE);
        const tab = await context.newPage();
        await tab.goto(`${world.demoURL}/bench-${name}.html`);
        await tab.waitForFunction(() => (window as unknown as { __firstStep: number | null }).__firstStep !== null, undefined, { timeout: 30_000 });
        const timing = await tab.evaluate(() => {
          const script = performance.getEntriesByType('resource').find((e) => /\/(widget|baseline)\.js/.test(e.name))!;
          return { first: (window as unknown as { __firstStep: number }).__firstStep, scriptStart: script.startTime };
        });
        await context.close();
        if (round === 0) continue; // warm-up: the app builds and compresses the widget on its first request
        results[name] ??= { fromScript: [], fromNavigation: [] };
        results[name].fromScript.push(timing.first - timing.scriptStart);
        results[name].fromNavigation.push(timing.first);
      }
      if (round > 0) process.stdout.write(`  round ${round}/${ROUNDS}\n`);
    }
    const w = { script: median(results.widget!.fromScript), nav: median(results.widget!.fromNavigation) };
    const b = { script: median(results.baseline!.fromScript), nav: median(results.baseline!.fromNavigation) };
    process.stdout.write(`\nTime to the first step (median of ${ROUNDS} cold loads, headless Chromium, loopback)\n\n`);
    process.stdout.write('| embed | from script request | from navigation start |\n|---|---:|---:|\n');
    process.stdout.write(`| baseline: 1 kB script, plain buttons | ${b.script.toFixed(0)} ms | ${b.nav.toFixed(0)} ms |\n`);
    process.stdout.write(`| LeadHarbor widget | ${w.script.toFixed(0)} ms | ${w.nav.toFixed(0)} ms |\n`);
    process.stdout.write(`| ratio widget / baseline | ${(w.script / b.script).toFixed(2)}x | ${(w.nav / b.nav).toFixed(2)}x |\n`);

    const dist = path.resolve('dist/widget');
    const manifest = JSON.parse(readFileSync(path.join(dist, 'manifest.json'), 'utf8')) as { steps: string };
    const first = gz(path.join(dist, 'widget.js'));
    const steps = gz(path.join(dist, manifest.steps));
    process.stdout.write('\nDownload before the first step shows (min+gzip -9)\n\n| script | size | ratio to ours |\n|---|---:|---:|\n');
    process.stdout.write(`| LeadHarbor widget.js (first chunk; budget 8 kB) | ${kb(first)} | 1x |\n`);
    process.stdout.write(`| LeadHarbor later steps (loaded after step 1 shows) | ${kb(steps)} | - |\n`);
    const require = createRequire(import.meta.url);
    let typeform: string | undefined;
    try { typeform = path.join(path.dirname(require.resolve('@typeform/embed/package.json')), 'build'); } catch { /* not installed */ }
    if (typeform && existsSync(path.join(typeform, 'embed.js'))) {
      const version = (JSON.parse(readFileSync(path.join(typeform, '..', 'package.json'), 'utf8')) as { version: string }).version;
      const size = gz(path.join(typeform, 'embed.js')) + gz(path.join(typeform, 'css', 'widget.css'));
      process.stdout.write(`| Typeform @typeform/embed ${version}: embed.js + widget.css (its form then loads in an iframe) | ${kb(size)} | ${(size / first).toFixed(2)}x |\n`);
    }
    process.stdout.write('| HubSpot forms embed (v2.js) | not published as a package; served only from its CDN | - |\n');
  } finally {
    baselineServer.close();
    await world.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? error}\n`);
  process.exit(1);
});
