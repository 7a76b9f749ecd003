/**
 * `npm run screenshots`: the main pages as PNG files in docs/screenshots, for the README.
 * Runs the real app on a temporary data folder with the bundled scenarios, and with the
 * official code sets when ../shared/codesets (or HANDOFF_CODESETS_DIR) holds them.
 */
import { existsSync, readdirSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { CodeSets } from '../server/codesets/code-sets';
import { importFile } from '../server/codesets/import';
import { titlesFromScenarios } from '../server/grader/library-titles';
import { ScenarioLibrary } from '../server/scenarios/library';
import { Accounts } from '../server/accounts/accounts';
import { passwordHasher } from '../server/accounts/passwords';
import { LowStore } from '../server/store/low/low-store';
import { Authoring } from '../server/authoring/authoring';
import { Glossary } from '../server/glossary/glossary';
import { launchBrowser, serve } from '../test/helpers/chromium';

const OUT = path.resolve(__dirname, '../docs/screenshots');

async function main(): Promise<void> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'handoff-shots-'));
  const source = process.env.HANDOFF_CODESETS_DIR ?? path.resolve(__dirname, '../../shared/codesets');
  if (existsSync(source))
    for (const zip of readdirSync(source).filter((f) => f.endsWith('.zip')))
      await importFile(path.join(source, zip), { dataDir });
  const codeSets = await CodeSets.load(dataDir);
  const library = new ScenarioLibrary(path.resolve(__dirname, '../scenarios'));
  await library.loadAll();
  const titles = titlesFromScenarios(library.list());
  const glossary = Glossary.forScenarios(library.root);
  await glossary.refresh();
  const store = await LowStore.open(dataDir);
  const accounts = new Accounts(store, passwordHasher);
  const server = await serve({
    scenarios: library,
    store,
    accounts,
    secret: 'screenshots-secret-screenshots-secret',
    secureCookies: false,
    titles: () => titles,
    codeSets: () => codeSets,
    glossary,
    // The editor is shown, never saved from, so the bundled folder is safe to open.
    authoring: new Authoring(library, () => codeSets),
  });
  const browser = await launchBrowser();
  try {
    await mkdir(OUT, { recursive: true });
    const page = await browser.newPage({ viewport: { width: 1280, height: 860 }, deviceScaleFactor: 1 });
    const shot = (name: string, fullPage = false) =>
      page.screenshot({ path: path.join(OUT, `${name}.png`), fullPage });
    // The first run: a trainer, a class, and a trainee who joins it with its code.
    await page.goto(`${server.url}/setup`);
    await page.getByLabel('Username').fill('Dana Whitfield');
    await page.getByLabel('Password').fill('a long enough passphrase');
    await page.getByRole('button', { name: 'Create the first trainer account' }).click();
    await page.getByLabel('Class name').fill('CPC prep, spring 2026');
    await page.getByRole('button', { name: 'Create the class' }).click();
    const cohortUrl = page.url();
    const joinCode = (await page.locator('code.join-code').textContent()) ?? '';
    const trainee = await browser.newPage({ viewport: { width: 1280, height: 860 }, deviceScaleFactor: 1 });
    for (const [name, first] of [
      ['Ben Ode', 'S82.61XA'],
      ['Cora Lindqvist', 'S82.62XA'],
    ] as const) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
      const other = await context.newPage();
      await other.goto(`${server.url}/register?code=${joinCode}`);
      await other.getByLabel('Username').fill(name);
      await other.getByLabel('Password').fill('another long passphrase');
      await other.getByRole('button', { name: 'Create my account' }).click();
      await other.goto(`${server.url}/scenarios/ed-ankle-fracture-ladder`);
      await other.getByLabel('First-listed diagnosis', { exact: true }).fill(first);
      await other.getByLabel('Diagnosis 2', { exact: true }).fill('W11.XXXA');
      await other.getByRole('button', { name: 'Submit for grading' }).click();
      await other.waitForURL(/\/attempts\//);
      await context.close();
    }
    await trainee.close();
    await page.goto(`${server.url}/scenarios/ed-ankle-fracture-ladder`);
    await page.getByLabel('First-listed diagnosis', { exact: true }).fill('S82.62XA');
    await page.getByLabel('Diagnosis 2', { exact: true }).fill('W11A');
    await page.getByLabel('Procedure 1', { exact: true }).fill('99284');
    if (!codeSets.isEmpty) {
      await page.getByLabel('Diagnosis 3', { exact: true }).pressSequentially('fall ladder');
      await page.waitForSelector('#dx-3-options li[role="option"]');
    }
    await shot('workspace');
    await page.getByLabel('Diagnosis 3', { exact: true }).fill('');
    await page.getByRole('button', { name: 'Submit for grading' }).click();
    await page.waitForURL(/\/attempts\//);
    await page.locator('.finding').first().click();
    await shot('results');
    await page.goto(`${server.url}/scenarios/inpatient-appendicitis-laparoscopic`);
    await page.getByLabel('Principal diagnosis', { exact: true }).fill('E87.1');
    await page.getByLabel('Diagnosis 2', { exact: true }).fill('K35.30');
    await page.getByLabel('Procedure 1', { exact: true }).fill('0DTJ0ZZ');
    await page.getByRole('button', { name: 'Submit for grading' }).click();
    await page.waitForURL(/\/attempts\//);
    await page.goto(`${server.url}/`);
    await shot('catalog');
    await page.goto(`${server.url}/progress`);
    await shot('progress');
    if (!codeSets.isEmpty) {
      await page.goto(`${server.url}/codes/icd10cm/S82.61XA`);
      await shot('code-page');
    }
    await page.goto(cohortUrl);
    await shot('dashboard', true);

    // An exam: the trainer sets it, a trainee takes it and reads the score report.
    const csrf = (await page.locator('meta[name="csrf-token"]').getAttribute('content')) ?? '';
    const cohortId = new URL(cohortUrl).pathname.split('/').pop() ?? '';
    const now = Date.now();
    const made = await page.request.post(`${server.url}/api/cohorts/${cohortId}/assignments`, {
      headers: { 'X-CSRF-Token': csrf },
      data: {
        title: 'Mock CPC, part 1',
        mode: 'exam',
        scenarioIds: ['ed-ankle-fracture-ladder', 'office-diabetes-hyperglycemia-followup'],
        opensAt: new Date(now - 3600_000).toISOString(),
        dueAt: new Date(now + 7 * 86400_000).toISOString(),
        timeLimitMinutes: 60,
      },
    });
    const assignment = (await made.json()) as { id: string };
    const examContext = await browser.newContext({ viewport: { width: 1280, height: 860 } });
    const taker = await examContext.newPage();
    await taker.goto(`${server.url}/register?code=${joinCode}`);
    await taker.getByLabel('Username').fill('Dee Mensah');
    await taker.getByLabel('Password').fill('another long passphrase');
    await taker.getByRole('button', { name: 'Create my account' }).click();
    await taker.goto(`${server.url}/assignments/${assignment.id}`);
    await taker.getByRole('button', { name: 'Start the exam' }).click();
    await taker.getByRole('link', { name: /^1\. / }).first().click();
    await taker.getByLabel('First-listed diagnosis', { exact: true }).fill('S82.61XA');
    await taker.getByLabel('Diagnosis 2', { exact: true }).fill('W11.XXXA');
    await taker.getByLabel('Procedure 1', { exact: true }).fill('99284');
    await taker.locator('#save-status', { hasText: 'Saved at' }).waitFor();
    await taker.screenshot({ path: path.join(OUT, 'exam.png') });
    await taker.getByRole('link', { name: 'Review and submit' }).first().click();
    await taker.getByRole('button', { name: 'Submit the exam' }).click();
    await taker.getByRole('heading', { name: 'By section' }).waitFor();
    await taker.screenshot({ path: path.join(OUT, 'exam-report.png'), fullPage: true });
    // Medical terms: one opened beside the report, and the glossary page.
    await taker.goto(`${server.url}/scenarios/inpatient-appendicitis-laparoscopic`);
    await taker.locator('#report-text a.term').nth(3).click();
    await taker.getByRole('dialog').waitFor();
    await taker.screenshot({ path: path.join(OUT, 'glossary-term.png') });
    await taker.goto(`${server.url}/glossary?q=ORIF`);
    await taker.screenshot({ path: path.join(OUT, 'glossary.png') });
    await examContext.close();
    await page.goto(`${server.url}/assignments/${assignment.id}`);
    await shot('assignment', true);
    await page.goto(`${server.url}/author/scenarios/ed-ankle-fracture-ladder`);
    await page.locator('#author-problems', { hasText: 'No problems' }).waitFor();
    await shot('authoring');
    console.log(`screenshots written to ${OUT}`);
  } finally {
    await browser.close();
    await server.close();
    await store.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
