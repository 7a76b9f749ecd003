/**
 * A class's first day in real headless Chromium, against the real app on real lowdb
 * files: first-run set-up of the trainer, a cohort, a trainee registering with its join
 * code and coding a report (a wrong side, a missing code, a procedure line written in one
 * field), the findings and evidence, progress, the trainer's dashboard and item analysis,
 * and a restart on the same data folder. axe-core on every page; 375 px without sideways
 * scrolling.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { Accounts } from '../../server/accounts/accounts';
import { passwordHasher } from '../../server/accounts/passwords';
import type { AppDeps } from '../../server/app';
import { LowStore } from '../../server/store/low/low-store';
import {
  accessibilityViolations,
  collectPageErrors,
  describeInBrowser,
  launchBrowser,
  PASSWORD,
  serve,
} from '../helpers/browser';
import { importFixtureSets } from '../helpers/fixture-codesets';
import { bundledLibrary } from '../helpers/library';
import { makeTempDir } from '../helpers/temp-dir';

jest.setTimeout(120_000);

describeInBrowser('a class in Chromium', () => {
  let browser: Browser;
  let trainerContext: BrowserContext;
  let traineeContext: BrowserContext;
  let trainer: Page;
  let trainee: Page;
  let dataDir: string;
  let cleanup: () => Promise<void>;
  let server: { url: string; close: () => Promise<void> };
  let store: LowStore;
  let joinCode = '';
  let cohortPath = '';
  const errors: string[] = [];

  const start = async () => {
    store = await LowStore.open(dataDir);
    const deps: AppDeps = {
      scenarios: await bundledLibrary(),
      store,
      accounts: new Accounts(store, passwordHasher),
      secret: 'browser-test-secret-browser-test-secret',
      secureCookies: false,
      codeSets: await importFixtureSets(dataDir).then((sets) => () => sets),
      logger: { error: (m) => errors.push(m) },
    };
    server = await serve(deps);
  };
  const watch = (page: Page) => collectPageErrors(page, errors);

  beforeAll(async () => {
    ({ dir: dataDir, cleanup } = await makeTempDir('handoff-browser-'));
    await start();
    browser = await launchBrowser();
    trainerContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    traineeContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    trainer = await trainerContext.newPage();
    trainee = await traineeContext.newPage();
    watch(trainer);
    watch(trainee);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await store?.close();
    await cleanup();
  });

  it('1. leads the first visitor to set-up, which makes the first trainer', async () => {
    await trainer.goto(`${server.url}/`);
    await trainer.waitForURL(`${server.url}/setup`);
    expect(await accessibilityViolations(trainer)).toEqual([]);
    await trainer.getByLabel('Username').fill('Dana Whitfield');
    await trainer.getByLabel('Password').fill(PASSWORD);
    await trainer.getByRole('button', { name: 'Create the first trainer account' }).click();
    await trainer.waitForURL(/\/cohorts\?welcome=1$/);
    await expectText(trainer, 'Your trainer account is ready');
    expect(await accessibilityViolations(trainer)).toEqual([]);
  });

  it('2. the trainer creates a class and reads its join code', async () => {
    await trainer.getByLabel('Class name').fill('Spring CPC');
    await trainer.getByRole('button', { name: 'Create the class' }).click();
    await trainer.waitForURL(/\/cohorts\/[0-9a-f]{16}$/);
    cohortPath = new URL(trainer.url()).pathname;
    joinCode = (await trainer.locator('code.join-code').textContent()) ?? '';
    expect(joinCode).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);
    expect(await accessibilityViolations(trainer)).toEqual([]);
  });

  it('3. a trainee registers with the code and finds the catalogue, its headings unbroken', async () => {
    await trainee.goto(`${server.url}/register?code=${joinCode}`);
    expect(await accessibilityViolations(trainee)).toEqual([]);
    await trainee.getByLabel('Username').fill('Ana Ruiz');
    await trainee.getByLabel('Password').fill('my own long password');
    await trainee.getByRole('button', { name: 'Create my account' }).click();
    await trainee.waitForURL(`${server.url}/`);
    // Each column heading is on one line at 1280 px, never broken inside a word.
    const broken = await trainee.evaluate(() =>
      [...document.querySelectorAll('table.catalog thead th')]
        .filter((th) => {
          const range = document.createRange();
          range.selectNodeContents(th);
          const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
          return tops.size > 1 && !(th.textContent ?? '').includes(' ');
        })
        .map((th) => th.textContent),
    );
    expect(broken).toEqual([]);
    expect(await accessibilityViolations(trainee)).toEqual([]);
  });

  it('4. filters the catalogue and opens a scenario', async () => {
    await trainee.getByLabel('Setting').selectOption('outpatient');
    await trainee.getByLabel('Search').fill('ladder');
    await trainee.getByRole('button', { name: 'Filter' }).click();
    const titles = await trainee.locator('table.catalog tbody th a').allTextContents();
    expect(titles.length).toBeGreaterThanOrEqual(1);
    await trainee.getByRole('link', { name: 'Fall from a ladder — ankle injury' }).click();
    await trainee.waitForURL(/\/scenarios\/ed-ankle-fracture-ladder$/);
    expect(await accessibilityViolations(trainee)).toEqual([]);
  });

  it('5. codes the report with mouse and keyboard: a wrong side, a line in one field, a missing code', async () => {
    await trainee.getByLabel('First-listed diagnosis', { exact: true }).fill('W11.XXXA');
    await trainee.getByLabel('Diagnosis 2', { exact: true }).fill('S82.62XA');
    await trainee.getByLabel('Diagnosis 2', { exact: true }).focus();
    await trainee.keyboard.press('Alt+ArrowUp');
    expect(await trainee.getByLabel('First-listed diagnosis', { exact: true }).inputValue()).toBe('S82.62XA');
    await trainee.getByRole('button', { name: 'Add a diagnosis' }).click();
    expect(await trainee.locator('.code-group[data-kind="diagnoses"] .code-row').count()).toBe(9);
    await trainee.getByRole('button', { name: 'Remove Diagnosis 9' }).click();
    await trainee.getByLabel('Diagnosis 3', { exact: true }).fill('S82,61');
    await trainee.getByLabel('Diagnosis 4', { exact: true }).focus();
    await expectText(trainee, 'does not look like a code');
    await trainee.getByLabel('Diagnosis 3', { exact: true }).fill('');
    // The suggestion box works from the keyboard alone.
    await trainee
      .getByLabel('Diagnosis 3', { exact: true })
      .pressSequentially('lateral malleolus rig', { delay: 10 });
    await trainee.waitForSelector('#dx-3-options li[role="option"]');
    await trainee.keyboard.press('ArrowDown');
    expect(
      await trainee.getByLabel('Diagnosis 3', { exact: true }).getAttribute('aria-activedescendant'),
    ).toMatch(/^opt-/);
    await trainee.keyboard.press('Escape');
    await trainee.getByLabel('Diagnosis 3', { exact: true }).fill('');
    // A line written the coder's way: the modifier moves to its own field.
    await trainee.getByLabel('Procedure 1', { exact: true }).fill('99284-25');
    await trainee.getByLabel('Procedure 2', { exact: true }).focus();
    expect(await trainee.getByLabel('Procedure 1', { exact: true }).inputValue()).toBe('99284');
    expect(await trainee.locator('#px-1-mod').inputValue()).toBe('25');
    expect(await trainee.locator('#px-1-msg').textContent()).toBe('');
    expect(await accessibilityViolations(trainee)).toEqual([]);
    await trainee.getByRole('button', { name: 'Submit for grading' }).click();
    await trainee.waitForURL(/\/attempts\/[0-9a-f]{32}$/);
  });

  it('6. sees the two findings and the highlighted evidence', async () => {
    const laterality = trainee.locator('.finding', { has: trainee.locator('.badge--laterality') });
    await expectText(laterality, 'S82.62XA codes the left side; the report documents the right side.');
    expect(await trainee.locator('.finding .badge').allTextContents()).toEqual([
      'Laterality',
      'Correct',
      'Correct',
      'Missing',
    ]);
    await laterality.click();
    const mark = trainee.locator('mark.evidence.active').first();
    await mark.waitFor();
    expect(await mark.textContent()).toBe(
      'displaced fracture of the distal right fibula at the lateral malleolus',
    );
    expect(await accessibilityViolations(trainee)).toEqual([]);
  });

  it('7. opens progress', async () => {
    await trainee.getByRole('link', { name: 'Progress' }).click();
    await trainee.waitForURL(`${server.url}/progress`);
    expect(await trainee.locator('svg.line-chart circle').count()).toBe(1);
    expect(await accessibilityViolations(trainee)).toEqual([]);
  });

  it('8. the trainer sees the attempt on the dashboard, the item analysis, and the drill-down', async () => {
    await trainer.reload();
    await expectText(trainer, 'Ana Ruiz');
    const item = trainer.locator('article.item', { hasText: 'Fall from a ladder' });
    await expectText(item, 'S82.62XA');
    await expectText(item, 'Laterality');
    expect(await accessibilityViolations(trainer)).toEqual([]);
    await trainer.getByRole('link', { name: 'Ana Ruiz' }).first().click();
    await trainer.waitForURL(/\/trainees\//);
    await trainer.locator('table a', { hasText: 'Fall from a ladder' }).click();
    await expectText(trainer, 'S82.62XA codes the left side');
    expect(await accessibilityViolations(trainer)).toEqual([]);
  });

  it('9. finds everything again after the app restarts on the same data folder, still signed in', async () => {
    await server.close();
    await store.close();
    await start();
    await trainee.goto(`${server.url}/progress`);
    expect(await trainee.locator('table.history tbody tr').count()).toBe(1);
    await trainee.locator('table.history a').click();
    await expectText(trainee, 'S82.62XA codes the left side');
  });

  it('10. is usable at 375 px wide without sideways scrolling', async () => {
    await trainee.setViewportSize({ width: 375, height: 800 });
    for (const url of ['/', '/scenarios/ed-ankle-fracture-ladder', '/progress', '/codes', '/account']) {
      await trainee.goto(`${server.url}${url}`);
      const overflow = await trainee.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect({ url, overflow }).toEqual({ url, overflow: 0 });
    }
    await trainer.setViewportSize({ width: 375, height: 800 });
    for (const url of ['/cohorts', cohortPath]) {
      await trainer.goto(`${server.url}${url}`);
      const overflow = await trainer.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect({ url, overflow }).toEqual({ url, overflow: 0 });
      expect(await accessibilityViolations(trainer)).toEqual([]);
    }
  });

  it('11. has no script errors and no server errors along the way', () => {
    expect(errors).toEqual([]);
  });
});

async function expectText(scope: Page | ReturnType<Page['locator']>, text: string): Promise<void> {
  await scope.getByText(text, { exact: false }).first().waitFor({ timeout: 5000 });
}
