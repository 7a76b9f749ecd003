import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { CHROMIUM } from './chromium';

export { CHROMIUM, launchBrowser, serve } from './chromium';
const REQUIRED = process.env.HANDOFF_REQUIRE_BROWSER === '1';

/** The password every journey's accounts are made with and typed in with. */
export const PASSWORD = 'a long enough passphrase';

/**
 * Browser tests run when Debian's chromium is installed. CI sets HANDOFF_REQUIRE_BROWSER=1
 * so that a missing browser fails there instead of skipping.
 */
export const describeInBrowser = existsSync(CHROMIUM) || REQUIRED ? describe : describe.skip;
if (!existsSync(CHROMIUM) && !REQUIRED)
  process.stdout.write(
    `NOTICE: ${CHROMIUM} not found; the browser tests are SKIPPED (apt-get install chromium).\n`,
  );

let axeSource: Promise<string> | undefined;

/** Run axe-core in the page; the serious and critical violations, described. */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  axeSource ??= readFile(path.join(path.dirname(require.resolve('axe-core')), 'axe.min.js'), 'utf8');
  await page.evaluate(await axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            ctx: Document,
            opts: object,
          ) => Promise<{
            violations: Array<{
              id: string;
              impact: string;
              help: string;
              nodes: Array<{ target: string[] }>;
            }>;
          }>;
        };
      }
    ).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')),
    }));
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.targets.join(', ')}`);
}

/** Collects the page's script errors and console errors into `errors`, which a journey ends by checking empty. */
export function collectPageErrors(page: Page, errors: string[]): Page {
  page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  return page;
}
