import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumExecutable } from '../support/chromium.js';

/**
 * `npm ci && npm test` on a machine with only Node.js: with CHROMIUM_PATH
 * unset the browser tests drive the Chromium inside the @sparticuz/chromium
 * registry package, and no test downloads a browser.
 */
describe('the Chromium the browser tests drive', () => {
  const saved = process.env.CHROMIUM_PATH;
  afterEach(() => {
    if (saved === undefined) delete process.env.CHROMIUM_PATH;
    else process.env.CHROMIUM_PATH = saved;
  });

  it('without CHROMIUM_PATH is the packaged one, and it runs a page', async () => {
    delete process.env.CHROMIUM_PATH;
    const executable = await chromiumExecutable();
    expect(path.dirname(executable)).toBe(os.tmpdir());
    // Its package.json is not exported, so read it from where npm put it.
    const packaged = JSON.parse(readFileSync(path.resolve('node_modules/@sparticuz/chromium/package.json'), 'utf8')) as { version: string };
    const browser = await chromium.launch({ executablePath: executable, headless: true, args: CHROMIUM_ARGS });
    try {
      expect(browser.version().split('.')[0]).toBe(packaged.version.split('.')[0]);
      const page = await browser.newPage();
      await page.setContent('<p id="out">static</p><script>document.getElementById("out").textContent = "scripted"</script>');
      await expect(page.textContent('#out')).resolves.toBe('scripted');
    } finally {
      await browser.close();
    }
  });

  it('CHROMIUM_PATH, when set, wins, and a wrong one is named instead of silently replaced', async () => {
    process.env.CHROMIUM_PATH = '/nonexistent/chromium';
    await expect(chromiumExecutable()).rejects.toThrow('CHROMIUM_PATH is /nonexistent/chromium, which does not exist');
  });
});
