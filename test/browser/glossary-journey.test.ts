/**
 * Medical terms in real headless Chromium: a term in the report opens its entry by mouse
 * and by keyboard (Escape returns to the term), the marks can be turned off, the glossary
 * page searches; axe-core on each. Without scripts, the term is a link to its note.
 */
import type { Browser, Page } from 'playwright-core';
import { Accounts } from '../../server/accounts/accounts';
import { passwordHasher } from '../../server/accounts/passwords';
import { LowStore } from '../../server/store/low/low-store';
import {
  accessibilityViolations,
  collectPageErrors,
  describeInBrowser,
  launchBrowser,
  PASSWORD,
  serve,
} from '../helpers/browser';
import { bundledGlossary, bundledLibrary } from '../helpers/library';
import { makeTempDir } from '../helpers/temp-dir';

jest.setTimeout(120_000);

const ANKLE = 'ed-ankle-fracture-ladder';

describeInBrowser('medical terms in Chromium', () => {
  let browser: Browser;
  let page: Page;
  let server: { url: string; close: () => Promise<void> };
  let store: LowStore;
  let cleanup: () => Promise<void>;
  const errors: string[] = [];

  beforeAll(async () => {
    let dataDir: string;
    ({ dir: dataDir, cleanup } = await makeTempDir('handoff-glossary-browser-'));
    store = await LowStore.open(dataDir);
    const accounts = new Accounts(store, passwordHasher);
    await accounts.createUser('Ana Ruiz', PASSWORD, 'trainee');
    server = await serve({
      scenarios: await bundledLibrary(),
      glossary: await bundledGlossary(),
      store,
      accounts,
      secret: 'browser-test-secret-browser-test-secret',
      secureCookies: false,
      logger: { error: (m) => errors.push(m) },
    });
    browser = await launchBrowser();
    page = collectPageErrors(
      await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage(),
      errors,
    );
    expect(
      (
        await page.request.post(`${server.url}/api/auth/login`, {
          data: { username: 'Ana Ruiz', password: PASSWORD },
        })
      ).status(),
    ).toBe(200);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await store?.close();
    await cleanup();
  });

  it('opens a term by mouse, without leaving the page', async () => {
    await page.goto(`${server.url}/scenarios/${ANKLE}`);
    const term = page.locator('#report-text a.term', { hasText: 'ibuprofen' });
    await term.click();
    const dialog = page.getByRole('dialog', { name: 'ibuprofen' });
    await dialog.waitFor();
    expect(page.url()).toBe(`${server.url}/scenarios/${ANKLE}`);
    expect(await dialog.textContent()).toMatch(/pain|inflammation/i);
    expect(await accessibilityViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Close' }).click();
    expect(await page.getByRole('dialog').count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('ibuprofen');
  });

  it('opens one by keyboard; Escape closes it and returns to the term', async () => {
    const term = page.locator('#report-text a.term', { hasText: 'NKDA' });
    await term.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: /NKDA/ });
    await dialog.waitFor();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('dialog');
    await page.keyboard.press('Escape');
    expect(await page.getByRole('dialog').count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('NKDA');
  });

  it('turns the marks off and on, remembered on the next page', async () => {
    const toggle = page.getByRole('button', { name: 'Mark medical terms' });
    expect(await toggle.getAttribute('aria-pressed')).toBe('true');
    await toggle.click();
    expect(await toggle.getAttribute('aria-pressed')).toBe('false');
    expect(await page.locator('#report-text a.term').first().getAttribute('tabindex')).toBe('-1');
    await page.reload();
    expect(await page.getByRole('button', { name: 'Mark medical terms' }).getAttribute('aria-pressed')).toBe(
      'false',
    );
    await page.getByRole('button', { name: 'Mark medical terms' }).click();
    expect(await page.locator('#report-text a.term').first().getAttribute('tabindex')).toBeNull();
  });

  it('works without scripts: a term is a link to its note below the report', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const plain = await context.newPage();
    await plain.request.post(`${server.url}/api/auth/login`, {
      data: { username: 'Ana Ruiz', password: PASSWORD },
    });
    await plain.goto(`${server.url}/scenarios/${ANKLE}`);
    await plain.locator('#report-text a.term', { hasText: 'ibuprofen' }).click();
    expect(new URL(plain.url()).hash).toBe('#gl-ibuprofen');
    expect(await plain.locator('#gl-ibuprofen dt').textContent()).toContain('ibuprofen');
    await context.close();
  });

  it('searches the glossary page', async () => {
    await page.goto(`${server.url}/glossary`);
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByLabel('Search', { exact: true }).fill('ORIF');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.locator('.glossary-entry', { hasText: 'open reduction' }).first().waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
  });

  it('has no script errors and no server errors', () => {
    expect(errors).toEqual([]);
  });
});
