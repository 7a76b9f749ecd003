/**
 * An exam in real headless Chromium against the real app: a trainer sets a two-scenario
 * exam with the form, a trainee takes it — the countdown runs, answers save as they are
 * typed, the trainee leaves and comes back to find them, flags one, submits — and reads
 * the score report; the trainer sees it. axe-core on every page.
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
import { bundledLibrary } from '../helpers/library';
import { makeTempDir } from '../helpers/temp-dir';

jest.setTimeout(120_000);

const ANKLE = 'ed-ankle-fracture-ladder';
const HIDDEN = 'exam-im-painful-diabetic-neuropathy-hfpef-obesity';

/** A datetime-local value in the browser's zone (the test and the browser share the machine's). */
function localInput(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

describeInBrowser('an exam in Chromium', () => {
  let browser: Browser;
  let contexts: BrowserContext[];
  let trainer: Page;
  let trainee: Page;
  let cleanup: () => Promise<void>;
  let server: { url: string; close: () => Promise<void> };
  let store: LowStore;
  let accounts: Accounts;
  let assignmentPath = '';
  let examPath = '';
  const errors: string[] = [];

  const signIn = async (page: Page, username: string) => {
    const res = await page.request.post(`${server.url}/api/auth/login`, {
      data: { username, password: PASSWORD },
    });
    expect(res.status()).toBe(200);
  };

  beforeAll(async () => {
    let dataDir: string;
    ({ dir: dataDir, cleanup } = await makeTempDir('handoff-exam-browser-'));
    store = await LowStore.open(dataDir);
    accounts = new Accounts(store, passwordHasher);
    const deps: AppDeps = {
      scenarios: await bundledLibrary(),
      store,
      accounts,
      secret: 'browser-test-secret-browser-test-secret',
      secureCookies: false,
      logger: { error: (m) => errors.push(m) },
    };
    server = await serve(deps);
    const dana = await accounts.createUser('Dana Whitfield', PASSWORD, 'trainer');
    const ana = await accounts.createUser('Ana Ruiz', PASSWORD, 'trainee');
    await store.createCohort({
      id: 'cohort000001',
      name: 'Spring CPC',
      joinCode: 'ABCDEFGH',
      registrationOpen: true,
      trainerIds: [dana.id],
      createdAt: new Date().toISOString(),
    });
    await store.addMember({ cohortId: 'cohort000001', userId: ana.id, joinedAt: new Date().toISOString() });
    browser = await launchBrowser();
    contexts = [
      await browser.newContext({ viewport: { width: 1280, height: 900 } }),
      await browser.newContext({ viewport: { width: 1280, height: 900 } }),
    ];
    [trainer, trainee] = await Promise.all(contexts.map((c) => c.newPage()));
    for (const page of [trainer, trainee]) collectPageErrors(page, errors);
    await signIn(trainer, 'Dana Whitfield');
    await signIn(trainee, 'Ana Ruiz');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await store?.close();
    await cleanup();
  });

  it('1. the trainer sets a two-scenario exam with the form', async () => {
    await trainer.goto(`${server.url}/cohorts/cohort000001`);
    await trainer.getByRole('link', { name: 'New assignment or exam' }).click();
    expect(await accessibilityViolations(trainer)).toEqual([]);
    await trainer.getByLabel('Title', { exact: true }).fill('Mock CPC, part 1');
    await trainer.getByLabel('Exam: timed, one sitting').check();
    const now = new Date();
    await trainer
      .getByLabel('Opens', { exact: true })
      .fill(localInput(new Date(now.getTime() - 60 * 60_000)));
    await trainer
      .getByLabel('Due', { exact: true })
      .fill(localInput(new Date(now.getTime() + 24 * 60 * 60_000)));
    await trainer.getByLabel('Time limit in minutes (exams)').fill('45');
    await trainer.locator(`#sc-${ANKLE}`).check();
    await trainer.locator(`#sc-${HIDDEN}`).check();
    await trainer.getByRole('button', { name: 'Set the assignment' }).click();
    await trainer.waitForURL(/\/assignments\/[0-9a-f]{20}$/);
    assignmentPath = new URL(trainer.url()).pathname;
    await trainer.getByText('Exam, 45 minutes, pass mark 70%').waitFor();
    expect(await accessibilityViolations(trainer)).toEqual([]);
  });

  it('2. the trainee finds it on the catalogue and starts it; the countdown runs', async () => {
    await trainee.goto(`${server.url}/`);
    const row = trainee.locator('section.assignments tr', { hasText: 'Mock CPC, part 1' });
    await row.getByText('to do').waitFor();
    await row.getByRole('link', { name: 'Mock CPC, part 1' }).click();
    await trainee.getByRole('button', { name: 'Start the exam' }).click();
    await trainee.waitForURL(/\/exams\/[0-9a-f]{20}$/);
    examPath = new URL(trainee.url()).pathname;
    const timer = trainee.getByRole('timer');
    await expect(timer.textContent()).resolves.toMatch(/^4[45]:\d{2}$/);
    expect(await accessibilityViolations(trainee)).toEqual([]);
  });

  it('3. answers save as they are typed; one is flagged', async () => {
    // The form lists exam-only scenarios first, so the exam's order is theirs.
    await trainee.getByRole('link', { name: /^1\. / }).first().click();
    await trainee.waitForURL(new RegExp(`/scenarios/${HIDDEN}$`));
    await trainee.getByLabel('First-listed diagnosis', { exact: true }).fill('E11.42');
    await trainee.locator('#save-status', { hasText: 'Saved at' }).waitFor();
    await trainee.getByLabel('Flag this scenario to review before submitting').check();
    // The flag is saved at once: the server has it.
    await trainee.waitForFunction(async (path) => {
      const res = await fetch(`/api${path}`);
      const body = (await res.json()) as { scenarios: Array<{ flagged: boolean }> };
      return body.scenarios[0].flagged;
    }, examPath);
    expect(await trainee.getByText('What the grader found').count()).toBe(0);
    expect(await accessibilityViolations(trainee)).toEqual([]);
    await trainee.getByRole('button', { name: 'Save, next scenario' }).click();
    await trainee.waitForURL(new RegExp(`/scenarios/${ANKLE}$`));
    await trainee.getByLabel('First-listed diagnosis', { exact: true }).fill('S82.61XA');
    await trainee.getByLabel('Procedure 1', { exact: true }).fill('27786');
    await trainee.locator('#px-1-mod').fill('RT');
    await trainee.locator('#save-status', { hasText: 'Saved at' }).waitFor();
  });

  it('4. leaves, comes back, and finds every answer and the flag where they were', async () => {
    await trainee.goto(`${server.url}/progress`);
    await trainee.getByRole('link', { name: 'Mock CPC, part 1' }).click();
    await trainee.getByRole('link', { name: 'Continue the exam' }).click();
    await trainee.waitForURL(`${server.url}${examPath}`);
    expect(await trainee.locator('table tbody td:first-of-type').allTextContents()).toEqual([
      'Saved',
      'Saved',
    ]);
    await trainee.locator('table a', { hasText: '1.' }).click();
    expect(await trainee.getByLabel('First-listed diagnosis', { exact: true }).inputValue()).toBe('E11.42');
    expect(await trainee.getByLabel('Flag this scenario to review before submitting').isChecked()).toBe(true);
    await trainee.getByRole('link', { name: /^2\. / }).first().click();
    expect(await trainee.getByLabel('First-listed diagnosis', { exact: true }).inputValue()).toBe('S82.61XA');
    expect(await trainee.locator('#px-1-mod').inputValue()).toBe('RT');
    await trainee.getByRole('link', { name: 'Review and submit' }).click();
    expect(await trainee.locator('table tbody tr').count()).toBe(2);
  });

  it('5. submits and reads the score report with each scenario behind it', async () => {
    await trainee.getByRole('button', { name: 'Submit the exam' }).click();
    await trainee.waitForURL(`${server.url}${examPath}/report`);
    await trainee.getByRole('heading', { name: 'By section' }).waitFor();
    expect(await trainee.locator('.score-figure').textContent()).toMatch(/^\d{1,3}%$/);
    expect(await accessibilityViolations(trainee)).toEqual([]);
    await trainee.locator('table a').first().click();
    await trainee.getByRole('heading', { name: 'What the grader found' }).waitFor();
    expect(await accessibilityViolations(trainee)).toEqual([]);
  });

  it("6. the trainer sees the trainee's score, the class summary and the report", async () => {
    await trainer.goto(`${server.url}${assignmentPath}`);
    const row = trainer.locator('#trainees tr', { hasText: 'Ana Ruiz' });
    await row.getByText('done').waitFor();
    await trainer.getByText('1 finished').waitFor();
    expect(await accessibilityViolations(trainer)).toEqual([]);
    await row.locator('a', { hasText: '%' }).click();
    await trainer.getByRole('heading', { name: /Score report: Mock CPC, part 1 — Ana Ruiz/ }).waitFor();
    expect(await accessibilityViolations(trainer)).toEqual([]);
  });

  it('7. has no script errors and no server errors along the way', () => {
    expect(errors).toEqual([]);
  });
});
