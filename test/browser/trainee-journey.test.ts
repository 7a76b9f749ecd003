/**
 * A trainee's whole journey in real headless Chromium, against the real app on real
 * lowdb files: choose a name, filter the catalogue, code a report with one wrong side and
 * one missing code, read the two findings and the highlighted evidence, open progress,
 * restart the app on the same data folder, and find the attempt still there.
 */
import type { Browser, Page } from 'playwright-core';
import { AttemptStore } from '../../server/storage/attempts';
import { TraineeStore } from '../../server/storage/trainees';
import type { AppDeps } from '../../server/app';
import { accessibilityViolations, describeInBrowser, launchBrowser, serve } from '../helpers/browser';
import { importFixtureSets } from '../helpers/fixture-codesets';
import { bundledLibrary } from '../helpers/library';
import { makeTempDir } from '../helpers/temp-dir';

jest.setTimeout(120_000);

describeInBrowser('the trainee journey in Chromium', () => {
  let browser: Browser;
  let page: Page;
  let dataDir: string;
  let cleanup: () => Promise<void>;
  let server: { url: string; close: () => Promise<void> };
  let deps: AppDeps;
  const errors: string[] = [];

  const start = async () => {
    deps = {
      scenarios: await bundledLibrary(),
      trainees: new TraineeStore(dataDir),
      attempts: new AttemptStore(dataDir),
      secret: 'browser-test-secret-browser-test-secret',
      codeSets: await importFixtureSets(dataDir).then((sets) => () => sets),
      logger: { error: (m) => errors.push(m) },
    };
    server = await serve(deps);
  };

  beforeAll(async () => {
    ({ dir: dataDir, cleanup } = await makeTempDir('handoff-browser-'));
    await start();
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(`console: ${m.text()}`);
    });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await cleanup();
  });

  it('1. chooses a name', async () => {
    await page.goto(`${server.url}/`);
    await page.getByRole('link', { name: 'Choose your name' }).first().click();
    await page.getByLabel('Display name').fill('Dana Trainee');
    await page.getByRole('button', { name: 'Start practising' }).click();
    await page.waitForURL(`${server.url}/`);
    await expectText(page, 'Practising as Dana Trainee');
    expect(await accessibilityViolations(page)).toEqual([]);
  });

  it('2. filters the catalogue and opens a scenario', async () => {
    await page.getByLabel('Setting').selectOption('outpatient');
    await page.getByLabel('Search').fill('ladder');
    await page.getByRole('button', { name: 'Filter' }).click();
    const links = page.locator('table.catalog tbody th a');
    expect(await links.count()).toBe(1);
    await links.first().click();
    await page.waitForURL(/\/scenarios\/ed-ankle-fracture-ladder$/);
    expect(await accessibilityViolations(page)).toEqual([]);
  });

  it('3. codes the report with one wrong side and one missing code, using mouse and keyboard', async () => {
    await page.getByLabel('First-listed diagnosis', { exact: true }).fill('W11.XXXA');
    await page.getByLabel('Diagnosis 2', { exact: true }).fill('S82.62XA');
    // Put the fracture first with the keyboard (Alt+ArrowUp moves a row).
    await page.getByLabel('Diagnosis 2', { exact: true }).focus();
    await page.keyboard.press('Alt+ArrowUp');
    expect(await page.getByLabel('First-listed diagnosis', { exact: true }).inputValue()).toBe('S82.62XA');
    expect(await page.getByLabel('Diagnosis 2', { exact: true }).inputValue()).toBe('W11.XXXA');
    // Add a row, then remove it with its button.
    await page.getByRole('button', { name: 'Add a diagnosis' }).click();
    expect(await page.locator('.code-group[data-kind="diagnoses"] .code-row').count()).toBe(9);
    await page.getByRole('button', { name: 'Remove Diagnosis 9' }).click();
    expect(await page.locator('.code-group[data-kind="diagnoses"] .code-row').count()).toBe(8);
    // A malformed code is flagged before submitting.
    await page.getByLabel('Diagnosis 3', { exact: true }).fill('S82,61');
    await page.getByLabel('Diagnosis 4', { exact: true }).focus();
    await expectText(page, 'does not look like a code');
    expect(await page.getByLabel('Diagnosis 3', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    await page.getByLabel('Diagnosis 3', { exact: true }).fill('');
    // The suggestion box works from the keyboard alone.
    await page.getByLabel('Diagnosis 3', { exact: true }).pressSequentially('lateral malleolus rig', { delay: 10 });
    await page.waitForSelector('#dx-3-options li[role="option"]');
    await page.keyboard.press('ArrowDown');
    expect(await page.getByLabel('Diagnosis 3', { exact: true }).getAttribute('aria-activedescendant')).toMatch(/^opt-/);
    await page.keyboard.press('Escape');
    expect(await page.getByLabel('Diagnosis 3', { exact: true }).getAttribute('aria-expanded')).toBe('false');
    await page.getByLabel('Diagnosis 3', { exact: true }).fill('');
    await page.getByLabel('Procedure 1', { exact: true }).fill('99284');
    await page.locator('#px-1-mod').fill('25');
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Submit for grading' }).click();
    await page.waitForURL(/\/attempts\/[A-Za-z0-9_-]{12}$/);
  });

  it('4. sees the two findings and the highlighted evidence', async () => {
    const laterality = page.locator('.finding', { has: page.locator('.badge--laterality') });
    await expectText(laterality, 'S82.62XA codes the left side; the report documents the right side.');
    const missing = page.locator('.finding', { has: page.locator('.badge--missing') });
    await expectText(missing, '29515-RT');
    expect(await page.locator('.finding .badge').allTextContents()).toEqual(['Laterality', 'Correct', 'Correct', 'Missing']);
    await laterality.click();
    const mark = page.locator('mark.evidence.active').first();
    await mark.waitFor();
    expect(await mark.textContent()).toBe('displaced fracture of the distal right fibula at the lateral malleolus');
    await page.waitForFunction(() => {
      const m = document.querySelector('mark.evidence.active');
      if (!m) return false;
      const r = m.getBoundingClientRect();
      return r.top >= 0 && r.bottom <= window.innerHeight;
    });
    expect(await accessibilityViolations(page)).toEqual([]);
  });

  it('5. opens progress', async () => {
    await page.getByRole('link', { name: 'Progress' }).click();
    await page.waitForURL(`${server.url}/progress`);
    expect(await page.locator('svg.line-chart circle').count()).toBe(1);
    await expectText(page, 'Fall from a ladder');
    expect(await accessibilityViolations(page)).toEqual([]);
  });

  it('6. finds the attempt again after the app restarts on the same data folder', async () => {
    await server.close();
    await start();
    await page.goto(`${server.url}/progress`);
    expect(await page.locator('table.history tbody tr').count()).toBe(1);
    await page.locator('table.history a').click();
    await expectText(page, 'S82.62XA codes the left side');
  });

  it('7. is usable at 375 px wide without sideways scrolling', async () => {
    await page.setViewportSize({ width: 375, height: 800 });
    for (const url of ['/', '/scenarios/ed-ankle-fracture-ladder', '/progress', '/codes', '/start']) {
      await page.goto(`${server.url}${url}`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect({ url, overflow }).toEqual({ url, overflow: 0 });
    }
    expect(await accessibilityViolations(page)).toEqual([]);
  });

  it('8. has no script errors and no server errors along the way', () => {
    expect(errors).toEqual([]);
  });
});

async function expectText(scope: Page | ReturnType<Page['locator']>, text: string): Promise<void> {
  await scope.getByText(text, { exact: false }).first().waitFor({ timeout: 5000 });
}
