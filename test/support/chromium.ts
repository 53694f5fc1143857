import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/**
 * The one place that decides which Chromium tests and benchmarks drive.
 * `CHROMIUM_PATH` wins when set (a machine may prefer Debian's build);
 * otherwise the headless Chromium shipped inside the `@sparticuz/chromium`
 * registry package, so `npm ci && npm test` needs no system package and no
 * browser download. Its first use unpacks it to /tmp/chromium (~2 s).
 *
 * Only its binary is used, not its `args`: those turn off web security,
 * site isolation and mixed-content blocking, which the CORS, CSP and
 * cross-site tests exist to exercise.
 */
export async function chromiumExecutable(): Promise<string> {
  const configured = process.env.CHROMIUM_PATH;
  if (configured) {
    if (!existsSync(configured)) throw new Error(`CHROMIUM_PATH is ${configured}, which does not exist: unset it to use the packaged Chromium`);
    return configured;
  }
  const { default: packaged } = await import('@sparticuz/chromium');
  return packaged.executablePath();
}

/**
 * Flags that keep Chromium quiet on a closed network: without the
 * background-networking ones it keeps trying to reach Google's hosts.
 * `launch()` already gives every browser a fresh temporary profile.
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/** Headless Chromium driven by playwright-core; close it when done. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: await chromiumExecutable(), headless: true, chromiumSandbox: false, args: CHROMIUM_ARGS });
}
