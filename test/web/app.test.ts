import request from 'supertest';
import { CodeSets } from '../../server/codesets/code-sets';
import { Tabular } from '../../server/codesets/tabular';
import type { SetInfo, TabularNode } from '../../server/codesets/types';
import type { ScenarioProblem } from '../../server/scenarios/problems';
import { importFixtureSets } from '../helpers/fixture-codesets';
import { bundledLibrary } from '../helpers/library';
import { makeTempDir } from '../helpers/temp-dir';
import { makeTestApp, signedInAgent, type TestApp } from '../helpers/app';

const escapeHtml = (text: string) =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&#34;')
    .replace(/'/g, '&#39;');

describe('createApp: foundation routes', () => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.cleanup();
    t = undefined;
  });

  it('GET /healthz answers 200 with the scenarios and the state of the store', async () => {
    const library = await bundledLibrary();
    t = await makeTestApp({ scenarios: library });
    const res = await request(t.app).get('/healthz');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      status: 'ok',
      scenarios: library.list().length,
      problems: 0,
      storage: 'ok',
      storageProblems: [],
    });
  });

  it('GET / lists every practice scenario, and no exam-only one', async () => {
    const library = await bundledLibrary();
    t = await makeTestApp({ scenarios: library });
    const { agent } = await signedInAgent(t);
    const res = await agent.get('/');
    expect(res.status).toBe(200);
    expect(res.type).toBe('text/html');
    const listed = [...res.text.matchAll(/<a href="\/scenarios\/([a-z0-9-]+)">/g)].map((m) => m[1]);
    const practice = library.list().filter((s) => s.visibility !== 'exam');
    expect(listed.sort()).toEqual(practice.map((s) => s.id).sort());
    for (const s of practice) expect(res.text).toContain(escapeHtml(s.title));
    expect(library.list().some((s) => s.visibility === 'exam')).toBe(true);
  });

  it('escapes what scenario files supply', async () => {
    const base = (await bundledLibrary()).list()[0];
    const evil = { ...base, title: '<script>alert(1)</script>', specialty: '"><img src=x onerror=alert(1)>' };
    const problem: ScenarioProblem = {
      problem: 'invalid-value',
      file: '<b>x.yaml',
      line: 1,
      col: 1,
      path: 'id',
      message: '<i>bad</i>',
    };
    t = await makeTestApp({ scenarios: { list: () => [evil], get: () => evil, problems: () => [problem] } });
    const { agent } = await signedInAgent(t, 'Teacher', 'trainer');
    const home = await agent.get('/');
    expect(home.text).not.toContain('<script>alert(1)</script>');
    expect(home.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(home.text).not.toContain('<img src=x');
    const problems = await agent.get('/problems');
    expect(problems.text).toContain('&lt;b&gt;x.yaml:1:1');
    expect(problems.text).not.toContain('<i>bad</i>');
  });

  it('shows scenario problems with file, line, column and field, to trainers only', async () => {
    const problem: ScenarioProblem = {
      problem: 'evidence-not-found',
      file: 'office/x.yaml',
      line: 12,
      col: 7,
      path: 'answerKey.diagnoses[0].evidence[0]',
      message: 'evidence "y" does not occur in report.text',
    };
    t = await makeTestApp({ scenarios: { list: () => [], get: () => undefined, problems: () => [problem] } });
    const trainer = await signedInAgent(t, 'Teacher', 'trainer');
    const page = await trainer.agent.get('/problems');
    expect(page.status).toBe(200);
    expect(page.text).toContain('office/x.yaml:12:7');
    expect(page.text).toContain('answerKey.diagnoses[0].evidence[0]');
    expect((await trainer.agent.get('/api/scenario-problems')).body).toEqual({ problems: [problem] });
    expect((await trainer.agent.get('/')).text).toMatch(/1 problem\(s\)/);
    const trainee = await signedInAgent(t, 'Tara');
    expect((await trainee.agent.get('/problems')).status).toBe(403);
    expect((await trainee.agent.get('/api/scenario-problems')).status).toBe(403);
    expect((await trainee.agent.get('/')).text).not.toMatch(/problem\(s\)/);
  });

  it.each([
    ['an HTML page for people', '/no-such-page', 'text/html', /Not found/],
    ['JSON under /api', '/api/no-such-thing', 'application/json', /"status":404/],
  ])('answers 404 with %s', async (_name, url, type, body) => {
    t = await makeTestApp();
    const { agent } = await signedInAgent(t);
    const res = await agent.get(url);
    expect(res.status).toBe(404);
    expect(res.type).toBe(type);
    expect(res.text).toMatch(body);
  });

  it('serves static files but not outside public/', async () => {
    t = await makeTestApp();
    const { agent } = await signedInAgent(t);
    expect((await agent.get('/static/styles.css')).status).toBe(200);
    expect((await agent.get('/static/../package.json')).status).toBe(404);
    expect((await agent.get('/static/%2e%2e/package.json')).status).toBe(404);
  });

  it('tells browsers and proxies not to keep pages or API answers, and lets static files be cached', async () => {
    t = await makeTestApp();
    const { agent } = await signedInAgent(t);
    for (const url of ['/', '/progress', '/api/session', '/api/attempts', '/healthz'])
      expect((await agent.get(url)).headers['cache-control']).toBe('no-store');
    expect((await agent.get('/static/styles.css')).headers['cache-control']).toMatch(/max-age=3600/);
  });

  it('answers 500 without leaking the error, and logs it', async () => {
    const logged: string[] = [];
    const broken = {
      list: () => {
        throw new Error('secret detail');
      },
      get: () => undefined,
      problems: () => [],
    };
    t = await makeTestApp({ scenarios: broken, logger: { error: (m) => logged.push(m) } });
    const { agent } = await signedInAgent(t);
    const res = await agent.get('/');
    expect(res.status).toBe(500);
    expect(res.text).not.toContain('secret detail');
    expect(logged[0]).toContain('secret detail');
  });

  it('answers 500 for a code whose tabular chain is damaged, logs it, and serves the next request', async () => {
    const logged: string[] = [];
    const loop: TabularNode = {
      key: 'E11',
      code: 'E11',
      kind: 'category',
      title: 'Type 2 diabetes mellitus',
      parent: 'E11',
      children: ['E11'],
      notes: {},
    };
    const tabular = new Tabular({ kind: 'icd10cm-tabular', version: '2021' } as SetInfo, {
      kind: 'icd10cm-tabular',
      format: 2,
      version: '2021',
      effectiveFrom: '',
      effectiveTo: '',
      chapters: [],
      nodes: { E11: loop },
    });
    const temp = await makeTempDir();
    const fixture = await importFixtureSets(temp.dir);
    const codeSets = new CodeSets(fixture.sets, tabular);
    t = await makeTestApp({ codeSets: () => codeSets, logger: { error: (m) => logged.push(m) } });
    const { agent } = await signedInAgent(t);
    const res = await agent.get('/api/codes/icd10cm/E11.65');
    expect(res.status).toBe(500);
    expect(logged.join('\n')).toMatch(/does not reach a chapter/);
    expect((await agent.get('/healthz')).status).toBe(200);
    expect((await agent.get('/api/codes/icd10cm/S82.61XA')).status).toBe(200);
    await temp.cleanup();
  });
});
