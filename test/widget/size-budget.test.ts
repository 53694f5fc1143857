import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { BUDGET_GZIP_BYTES } from '../../widget/size-check.js';

/**
 * Builds the widget as `npm run build:widget` does (in a child process, like
 * the server's on-demand build: esbuild's API does not run inside Jest's
 * module sandbox) and checks the size budget on the files themselves.
 */
let dir: string;
let output: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'lh-widget-'));
  output = (await promisify(execFile)(process.execPath, ['--import', 'tsx', 'widget/build.ts', dir])).stdout;
}, 60_000);
afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

const gzipped = async (name: string) => gzipSync(await readFile(path.join(dir, name)), { level: 9 }).length;

it('keeps what a visitor downloads before the first step (widget.js) within 8 kB min+gzip, and prints the size', async () => {
  const manifest = JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8'));
  const size = await gzipped('widget.js');
  expect(size).toBe(manifest.sizes.first.gzip);
  expect(size).toBeLessThanOrEqual(BUDGET_GZIP_BYTES);
  expect(output).toContain(`(${size} bytes; budget ${BUDGET_GZIP_BYTES})`);
});

it('writes a hashed copy, a minified second chunk that widget.js names, source maps and a manifest', async () => {
  const manifest = JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8'));
  expect(manifest.entry).toMatch(/^widget\.[A-Za-z0-9]{10}\.js$/);
  expect(manifest.steps).toMatch(/^widget-steps\.[A-Za-z0-9]+\.js$/);
  const main = await readFile(path.join(dir, 'widget.js'), 'utf8');
  const hashed = await readFile(path.join(dir, manifest.entry), 'utf8');
  expect(hashed.replace(/\/\/# sourceMappingURL=.*$/m, '')).toBe(main.replace(/\/\/# sourceMappingURL=.*$/m, ''));
  expect(main).toContain(manifest.steps);
  expect(main.split('\n').length).toBeLessThanOrEqual(3);
  expect(main).toMatch(/\/\/# sourceMappingURL=widget\.js\.map\s*$/);
  for (const name of ['widget.js.map', `${manifest.entry}.map`, `${manifest.steps}.map`]) {
    expect(JSON.parse(await readFile(path.join(dir, name), 'utf8')).sources.some((s: string) => s.includes('widget/src/'))).toBe(true);
  }
});

it('uses no regular-expression lookbehind, which Safari before 16.4 cannot parse (the whole chunk would fail to load)', async () => {
  const manifest = JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8'));
  for (const name of ['widget.js', manifest.steps]) {
    expect([name, /\(\?<[=!]/.test(await readFile(path.join(dir, name), 'utf8'))]).toEqual([name, false]);
  }
});

it('fails the size check above the budget, and passes the real build', async () => {
  const check = (folder: string) => promisify(execFile)(process.execPath, ['--import', 'tsx', 'widget/size-check.ts', folder]);
  await expect(check(dir)).resolves.toMatchObject({ stdout: expect.stringContaining('min+gzip') });
  const fat = await mkdtemp(path.join(os.tmpdir(), 'lh-widget-fat-'));
  try {
    // Random bytes do not compress: far over 8 kB gzipped.
    await writeFile(path.join(fat, 'widget.js'), randomBytes(12_000).toString('base64'));
    await writeFile(path.join(fat, 'widget-steps.x.js'), '');
    await writeFile(path.join(fat, 'manifest.json'), JSON.stringify({ steps: 'widget-steps.x.js' }));
    await expect(check(fat)).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('Widget size budget exceeded') });
  } finally {
    await rm(fat, { recursive: true, force: true });
  }
});
