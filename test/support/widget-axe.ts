import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ImpactValue } from 'axe-core';
import type { Locator, Page } from 'playwright-core';

/** WCAG 2.0 and 2.1, levels A and AA: what the widget promises (axe's best-practice rules are not asked for). */
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** One axe violation, reduced to what a reader of a failed test needs. */
export interface Violation {
  id: string;
  impact?: ImpactValue | null;
  help: string;
  nodes: { target: string; html: string; summary: string }[];
}

let axeSource: Promise<string> | undefined;

/** Puts axe-core into the page from node_modules: nothing is fetched from the network. */
async function injectAxe(page: Page): Promise<void> {
  axeSource ??= readFile(path.resolve('node_modules/axe-core/axe.min.js'), 'utf8');
  await page.addScriptTag({ content: await axeSource });
}

/**
 * Runs axe on a widget: its host element as the context, so axe walks the
 * open shadow root (and a dialog in it) and nothing of the partner's page.
 * Injects axe first when the page does not have it yet.
 */
export async function axeViolations(widget: Locator): Promise<Violation[]> {
  const page = widget.page();
  if (!(await page.evaluate(() => 'axe' in window))) await injectAxe(page);
  return widget.evaluate(async (host, tags) => {
    const { axe } = window as unknown as { axe: typeof import('axe-core') };
    const results = await axe.run(host, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return results.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: JSON.stringify(n.target), html: n.html, summary: n.failureSummary ?? '' })),
    }));
  }, WCAG_TAGS);
}

/** Violations as lines a person can act on: rule, impact and help, then each element with axe's advice. */
export function describeViolations(violations: Violation[]): string[] {
  return violations.map((v) => [
    `${v.id} (${v.impact ?? 'unknown'}): ${v.help}`,
    ...v.nodes.map((n) => `  at ${n.target}: ${n.html}\n    ${n.summary.replace(/\n/g, '\n    ')}`),
  ].join('\n'));
}
