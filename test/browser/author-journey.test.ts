/**
 * Writing a scenario in real headless Chromium: a trainer pastes a report, adds two codes
 * with evidence taken from a selection in the report, sees a live error beside its field
 * and fixes it, tries the draft as a trainee (a new tab), saves, and the scenario is in the
 * catalogue; keyboard-only moves of a line; axe-core on every page.
 */
import { cp, mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { Accounts } from '../../server/accounts/accounts';
import { passwordHasher } from '../../server/accounts/passwords';
import { Authoring } from '../../server/authoring/authoring';
import { ScenarioLibrary } from '../../server/scenarios/library';
import { LowStore } from '../../server/store/low/low-store';
import {
  accessibilityViolations,
  collectPageErrors,
  describeInBrowser,
  launchBrowser,
  PASSWORD,
  serve,
} from '../helpers/browser';
import { BUNDLED_SCENARIOS } from '../helpers/library';
import { makeTempDir } from '../helpers/temp-dir';

jest.setTimeout(120_000);

const REPORT = [
  'OFFICE NOTE',
  '',
  'CHIEF COMPLAINT: Blood pressure check.',
  '',
  'ASSESSMENT: Essential hypertension, well controlled on lisinopril.',
  '',
  'PLAN: Continue lisinopril 10 mg daily. Return in 6 months.',
].join('\n');

describeInBrowser('writing a scenario in Chromium', () => {
  let browser: Browser;
  let page: Page;
  let server: { url: string; close: () => Promise<void> };
  let store: LowStore;
  let library: ScenarioLibrary;
  let root: string;
  let cleanup: () => Promise<void>;
  const errors: string[] = [];

  beforeAll(async () => {
    let dir: string;
    ({ dir, cleanup } = await makeTempDir('handoff-author-browser-'));
    root = path.join(dir, 'scenarios');
    await mkdir(root);
    await cp(path.join(BUNDLED_SCENARIOS, 'office'), path.join(root, 'office'), { recursive: true });
    library = new ScenarioLibrary(root);
    await library.loadAll();
    store = await LowStore.open(path.join(dir, 'data'));
    const accounts = new Accounts(store, passwordHasher);
    await accounts.createUser('Dana Whitfield', PASSWORD, 'trainer');
    server = await serve({
      scenarios: library,
      authoring: new Authoring(library),
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
    const res = await page.request.post(`${server.url}/api/auth/login`, {
      data: { username: 'Dana Whitfield', password: PASSWORD },
    });
    expect(res.status()).toBe(200);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    library?.close();
    await store?.close();
    await cleanup();
  });

  const line = (name: string) =>
    page.locator('fieldset.author-line', { has: page.locator(`legend:text-is("${name}")`) });
  /** Selects words in the report text, as a trainer would with the mouse or Shift and the arrows. */
  const select = async (words: string) => {
    const report = page.getByLabel('Report text (paste the transcription)');
    await report.evaluate((el, w) => {
      const area = el as HTMLTextAreaElement;
      const start = area.value.indexOf(w);
      area.focus();
      area.setSelectionRange(start, start + w.length);
    }, words);
  };

  it('1. opens a new scenario and fills the header and the report', async () => {
    await page.goto(`${server.url}/author`);
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByRole('link', { name: 'New scenario' }).click();
    await page.waitForURL(`${server.url}/author/new`);
    await page.getByLabel('Id (kebab-case, unique)').fill('office-htn-check');
    await page.getByLabel('Title', { exact: true }).fill('Blood pressure check');
    await page.getByLabel('Encounter').fill('Office visit');
    await page.getByLabel('Specialty').fill('Family medicine');
    await page.getByLabel('Report type').fill('Office Note');
    await page.getByLabel('Dictated by').fill('Lee Park, MD');
    await page.getByLabel("Transcribed by (the transcriptionist's initials)").fill('JK');
    await page.getByLabel('Date of service').fill('2026-03-10');
    await page.getByLabel('Report text (paste the transcription)').fill(REPORT);
    expect(await accessibilityViolations(page)).toEqual([]);
  });

  it('2. adds a diagnosis with evidence from a selection, sees a live error and fixes it', async () => {
    await page.getByRole('button', { name: 'Add a diagnosis' }).click();
    const dx = line('Diagnosis 1');
    await dx.getByLabel('Code', { exact: true }).fill('I1');
    await dx.getByLabel('Description (the official long title)').fill('Essential (primary) hypertension');
    await dx
      .getByLabel('Rationale')
      .fill('Hypertension with no heart or kidney involvement documented is I10.');
    await select('Essential hypertension, well controlled');
    await dx.getByRole('button', { name: 'Add the text selected in the report' }).click();
    expect(await dx.locator('.evidence-item q').allTextContents()).toEqual([
      'Essential hypertension, well controlled',
    ]);
    expect(await page.locator('#author-highlight mark').allTextContents()).toEqual([
      'Essential hypertension, well controlled',
    ]);
    // The server's check comes back beside the code field.
    const codeProblem = dx.locator('.author-field[data-path="answerKey.diagnoses[0].code"] .field-problem');
    await codeProblem.filter({ hasText: 'is not' }).waitFor();
    expect(await dx.getByLabel('Code', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    await dx.getByLabel('Code', { exact: true }).fill('I10');
    await page.waitForFunction(
      () =>
        document.querySelector('.author-field[data-path="answerKey.diagnoses[0].code"] .field-problem')
          ?.textContent === '',
    );
    expect(await accessibilityViolations(page)).toEqual([]);
  });

  it('3. adds a procedure by keyboard, with evidence, and flags a quote the report no longer has', async () => {
    await page.getByRole('button', { name: 'Add a procedure' }).focus();
    await page.keyboard.press('Enter');
    const px = line('Procedure 1');
    await expect(px.getByLabel('Code system').evaluate((el) => el === document.activeElement)).resolves.toBe(
      true,
    );
    await px.getByLabel('Code', { exact: true }).fill('99213');
    await px
      .getByLabel(/^Description/)
      .fill('Office visit, established patient, low medical decision making');
    await px.getByLabel('Rationale').fill('One stable chronic illness and prescription drug management.');
    await select('Continue lisinopril 10 mg daily');
    await px.getByRole('button', { name: 'Add the text selected in the report' }).click();
    // Editing the report so the quote is gone flags it at once.
    const report = page.getByLabel('Report text (paste the transcription)');
    await report.fill(REPORT.replace('Continue lisinopril 10 mg daily', 'Continue lisinopril 20 mg daily'));
    await px.getByText('not in the report any more').waitFor();
    await report.fill(REPORT);
    await page.waitForFunction(() => document.querySelectorAll('.evidence-missing').length === 0);
    await page.locator('#author-problems', { hasText: 'No problems: ready to save.' }).waitFor();
  });

  it('4. tries it as a trainee in a new tab, and grades a test submission without storing it', async () => {
    const [trial] = await Promise.all([
      page.context().waitForEvent('page'),
      page.getByRole('button', { name: 'Try it as a trainee (new tab)' }).click(),
    ]);
    await trial.waitForLoadState();
    await trial.getByText('You are trying a draft').waitFor();
    expect(await trial.locator('.report-text').textContent()).toContain(
      'Essential hypertension, well controlled',
    );
    await trial.getByLabel('First-listed diagnosis', { exact: true }).fill('I10');
    await trial.getByLabel('Procedure 1', { exact: true }).fill('99214');
    await trial.getByRole('button', { name: 'Submit for grading' }).click();
    await trial.getByText('Trial grading of a draft').waitFor();
    expect(await accessibilityViolations(trial)).toEqual([]);
    await trial.close();
    expect(await store.countAttempts()).toBe(0);
  });

  it('5. saves, and the scenario is in the catalogue', async () => {
    await page.getByLabel('Save into folder').selectOption('office');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.locator('#author-status', { hasText: 'Saved office/office-htn-check.yaml' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/author/scenarios/office-htn-check');
    const text = await readFile(path.join(root, 'office', 'office-htn-check.yaml'), 'utf8');
    expect(text).toMatch(/\n {2}text: \|-?\n {4}OFFICE NOTE\n/);
    expect(text).toContain('    - code: I10\n');
    await page.goto(`${server.url}/?q=Blood+pressure+check`);
    await page.getByRole('link', { name: 'Blood pressure check' }).waitFor();
  });

  it('6. has no script errors and no server errors', () => {
    expect(errors).toEqual([]);
  });
});
