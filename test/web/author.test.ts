/**
 * Authoring on the real app over a copy of the bundled scenarios: every endpoint, every
 * refusal (trainees, paths outside the folder, stale versions, invalid text, an id that
 * is taken), edits that keep the file's formatting, drafts the library never serves,
 * trying a draft, and the YAML form that works without a script.
 */
import { cp, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Authoring } from '../../server/authoring/authoring';
import { ScenarioLibrary } from '../../server/scenarios/library';
import { parseSource } from '../../server/scenarios/parse-source';
import { makeTestApp, signedInAgent, type Agent, type TestApp } from '../helpers/app';
import { BUNDLED_SCENARIOS } from '../helpers/library';
import { makeTempDir } from '../helpers/temp-dir';

const ANKLE = 'ed-ankle-fracture-ladder';
const ANKLE_FILE = 'emergency/ed-ankle-fracture-ladder.yaml';

describe('authoring', () => {
  let t: TestApp;
  let root: string;
  let library: ScenarioLibrary;
  let removeCopy: () => Promise<void>;
  let trainer: { agent: Agent; csrf: string };
  let trainee: { agent: Agent; csrf: string };
  let ankleText: string;

  beforeEach(async () => {
    const copy = await makeTempDir('handoff-author-');
    removeCopy = copy.cleanup;
    root = path.join(copy.dir, 'scenarios');
    await cp(BUNDLED_SCENARIOS, root, { recursive: true });
    library = new ScenarioLibrary(root);
    await library.loadAll();
    t = await makeTestApp({ scenarios: library, authoring: new Authoring(library) });
    trainer = await signedInAgent(t, 'Dana Whitfield', 'trainer');
    trainee = await signedInAgent(t, 'Ana Ruiz', 'trainee');
    ankleText = await readFile(path.join(root, ANKLE_FILE), 'utf8');
  });
  afterEach(async () => {
    library.close();
    await t.cleanup();
    await removeCopy();
  });

  const newText = (id: string, extra = '') =>
    ankleText
      .replace(`id: ${ANKLE}`, `id: ${id}`)
      .replace('title: Fall from a ladder — ankle injury', `title: New ${id}${extra}`);

  it.each([
    ['GET', '/author'],
    ['GET', '/author/new'],
    ['GET', `/author/scenarios/${ANKLE}`],
    ['GET', `/api/author/scenarios/${ANKLE}`],
    ['POST', '/api/author/validate'],
    ['POST', '/api/author/scenarios'],
    ['PUT', `/api/author/scenarios/${ANKLE}`],
    ['POST', '/api/author/grade'],
  ])('refuses a trainee %s %s with 403', async (method, url) => {
    const res = await trainee.agent[method.toLowerCase() as 'get'](url)
      .set('X-CSRF-Token', trainee.csrf)
      .send({});
    expect(res.status).toBe(403);
  });

  it("validates a text with the validator's catalogued problems, by line and column", async () => {
    const res = await trainer.agent
      .post('/api/author/validate')
      .set('X-CSRF-Token', trainer.csrf)
      .send({ format: 'yaml', text: ankleText.replace('setting: outpatient', 'setting: clinic') });
    expect(res.status).toBe(200);
    expect(res.body.problems).toEqual([
      {
        line: 4,
        column: 10,
        path: 'setting',
        message: 'setting must be outpatient or inpatient',
        id: 'invalid-value',
      },
    ]);
  });

  it('reads a scenario with its version, and saves an edit that the library serves at once', async () => {
    const read = await trainer.agent.get(`/api/author/scenarios/${ANKLE}`);
    expect(read.body).toEqual({
      path: ANKLE_FILE,
      text: ankleText,
      version: expect.stringMatching(/^[0-9a-f]{20}$/),
    });
    const text = ankleText.replace(
      'title: Fall from a ladder — ankle injury',
      'title: Fall from a ladder — right ankle',
    );
    const saved = await trainer.agent
      .put(`/api/author/scenarios/${ANKLE}`)
      .set('X-CSRF-Token', trainer.csrf)
      .send({ text, version: read.body.version });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ id: ANKLE, path: ANKLE_FILE, draft: false });
    expect(await readFile(path.join(root, ANKLE_FILE), 'utf8')).toBe(text);
    expect(library.get(ANKLE)?.title).toBe('Fall from a ladder — right ankle');
    expect((await trainee.agent.get('/')).text).toContain('Fall from a ladder — right ankle');
  });

  it("applies the form's fields to the file, keeping its comments and untouched lines byte for byte", async () => {
    const read = (await trainer.agent.get(`/api/author/scenarios/${ANKLE}`)).body;
    const parsed = parseSource(read.text, 'YAML');
    if (!parsed.ok) throw new Error('bundled file does not parse');
    const scenario = structuredClone(parsed.data) as { difficulty: number };
    scenario.difficulty = 4;
    const saved = await trainer.agent
      .put(`/api/author/scenarios/${ANKLE}`)
      .set('X-CSRF-Token', trainer.csrf)
      .send({ scenario, version: read.version });
    expect(saved.status).toBe(200);
    const after = await readFile(path.join(root, ANKLE_FILE), 'utf8');
    expect(after).toBe(ankleText.replace('\ndifficulty: 3\n', '\ndifficulty: 4\n'));
  });

  it('refuses a save based on an old version, writing nothing', async () => {
    const { version } = (await trainer.agent.get(`/api/author/scenarios/${ANKLE}`)).body;
    // Someone edits the file on disk meanwhile.
    const theirs = ankleText.replace('difficulty: 3', 'difficulty: 2');
    await writeFile(path.join(root, ANKLE_FILE), theirs);
    const res = await trainer.agent
      .put(`/api/author/scenarios/${ANKLE}`)
      .set('X-CSRF-Token', trainer.csrf)
      .send({ text: ankleText.replace('difficulty: 3', 'difficulty: 5'), version });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toMatch(/changed since you opened it.*your text is kept/);
    expect(await readFile(path.join(root, ANKLE_FILE), 'utf8')).toBe(theirs);
  });

  it('refuses an invalid text with 422 and its problems, writing nothing; as a draft it is kept and not served', async () => {
    const { version } = (await trainer.agent.get(`/api/author/scenarios/${ANKLE}`)).body;
    const bad = ankleText.replace('difficulty: 3', 'difficulty: 9');
    const res = await trainer.agent
      .put(`/api/author/scenarios/${ANKLE}`)
      .set('X-CSRF-Token', trainer.csrf)
      .send({ text: bad, version });
    expect(res.status).toBe(422);
    expect(res.body.problems).toEqual([expect.objectContaining({ path: 'difficulty', line: 7 })]);
    expect(await readFile(path.join(root, ANKLE_FILE), 'utf8')).toBe(ankleText);
    const draft = await trainer.agent
      .put(`/api/author/scenarios/${ANKLE}`)
      .set('X-CSRF-Token', trainer.csrf)
      .send({ text: bad, version, draft: true });
    expect(draft.status).toBe(200);
    expect(draft.body).toMatchObject({ draft: true, path: 'emergency/ed-ankle-fracture-ladder.draft.yaml' });
    expect(await readFile(path.join(root, 'emergency/ed-ankle-fracture-ladder.draft.yaml'), 'utf8')).toBe(
      bad,
    );
    await library.rescan();
    expect(library.get(ANKLE)?.difficulty).toBe(3);
    expect(library.problems()).toEqual([]);
    expect((await trainer.agent.get('/author')).text).toContain(
      'emergency/ed-ankle-fracture-ladder.draft.yaml',
    );
    const opened = await trainer.agent.get(
      '/author/draft?path=emergency%2Fed-ankle-fracture-ladder.draft.yaml',
    );
    expect(opened.status).toBe(200);
    expect(opened.text).toContain('difficulty: 9');
  });

  it('creates a scenario in a folder, served at once; a taken id or an existing file is refused', async () => {
    const res = await trainer.agent
      .post('/api/author/scenarios')
      .set('X-CSRF-Token', trainer.csrf)
      .send({ folder: 'emergency', text: newText('ed-new-case') });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ id: 'ed-new-case', path: 'emergency/ed-new-case.yaml' });
    expect(library.get('ed-new-case')?.title).toBe('New ed-new-case');
    const again = await trainer.agent
      .post('/api/author/scenarios')
      .set('X-CSRF-Token', trainer.csrf)
      .send({ folder: 'office', text: newText('ed-new-case') });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toBe('id "ed-new-case" is already used by emergency/ed-new-case.yaml');
    const clash = await trainer.agent
      .post('/api/author/scenarios')
      .set('X-CSRF-Token', trainer.csrf)
      .send({ folder: '', text: ankleText });
    expect(clash.status).toBe(409);
  });

  it.each([
    ['a parent folder', '../outside'],
    ['an absolute path', '/tmp'],
    ['the glossary folder', 'glossary'],
    ['a hidden folder', '.git'],
  ])('refuses to create a scenario in %s', async (_what, folder) => {
    const res = await trainer.agent
      .post('/api/author/scenarios')
      .set('X-CSRF-Token', trainer.csrf)
      .send({ folder, text: newText('ed-escape') });
    expect(res.status).toBe(400);
    expect(await stat(path.join(root, '..', 'outside')).catch(() => null)).toBeNull();
  });

  it('grades a test submission against a draft without storing it, and shows it as a trainee sees it', async () => {
    const text = newText('ed-try-me').replace(
      'Right ankle pain after a fall.',
      'Right ankle pain after a fall. <script>alert(1)</script>',
    );
    const graded = await trainer.agent
      .post('/api/author/grade')
      .set('X-CSRF-Token', trainer.csrf)
      .send({ text, submission: { diagnoses: ['S82.62XA'] } });
    expect(graded.status).toBe(200);
    expect(graded.body.findings.map((f: { kind: string }) => f.kind)).toContain('laterality');
    const page = await trainer.agent.post('/author/try').type('form').send({ _csrf: trainer.csrf, text });
    expect(page.status).toBe(200);
    expect(page.text).toContain('You are trying a draft');
    expect(page.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page.text).not.toContain('<script>alert(1)</script>');
    const result = await trainer.agent
      .post('/author/try/grade')
      .type('form')
      .send({ _csrf: trainer.csrf, text, diagnoses: ['S82.62XA'] });
    expect(result.status).toBe(200);
    expect(result.text).toContain('Trial grading of a draft');
    expect(await t.store.countAttempts()).toBe(0);
  });

  it('saves the YAML source form without a script; a refusal shows the form again with the text kept', async () => {
    const page = await trainer.agent.get(`/author/scenarios/${ANKLE}`);
    const version = /name="version" value="([^"]+)"/.exec(page.text)?.[1];
    const bad = ankleText.replace('difficulty: 3', 'difficulty: 9');
    const refused = await trainer.agent
      .post('/author/source')
      .type('form')
      .send({ _csrf: trainer.csrf, id: ANKLE, version, text: bad, action: 'save' });
    expect(refused.status).toBe(422);
    expect(refused.text).toContain('difficulty: 9');
    expect(refused.text).toContain('difficulty must be a whole number from 1 to 5');
    const good = ankleText.replace('difficulty: 3', 'difficulty: 4');
    const saved = await trainer.agent
      .post('/author/source')
      .type('form')
      .send({ _csrf: trainer.csrf, id: ANKLE, version, text: good, action: 'save' });
    expect(saved.status).toBe(303);
    expect(library.get(ANKLE)?.difficulty).toBe(4);
  });
});
