import request from 'supertest';
import { CodeSets } from '../../server/codesets/code-sets';
import { Tabular } from '../../server/codesets/tabular';
import type { SetInfo, TabularNode } from '../../server/codesets/types';
import { importFixtureSets } from '../helpers/fixture-codesets';
import { makeTempDir } from '../helpers/temp-dir';
import type { ScenarioProblem } from '../../server/scenarios/problems';
import { bundledLibrary } from '../helpers/library';
import { makeTestApp } from '../helpers/app';

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&#34;').replace(/'/g, '&#39;');

describe('createApp: foundation routes', () => {
  it('GET /healthz answers 200 with the number of scenarios', async () => {
    const library = await bundledLibrary();
    const res = await request((await makeTestApp({ scenarios: library })).app).get('/healthz');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', scenarios: library.list().length, problems: 0 });
    expect(res.body.scenarios).toBeGreaterThanOrEqual(3);
  });

  it('GET / lists every scenario with title, setting, specialty and difficulty', async () => {
    const library = await bundledLibrary();
    const res = await request((await makeTestApp({ scenarios: library })).app).get('/');
    expect(res.status).toBe(200);
    expect(res.type).toBe('text/html');
    for (const s of library.list()) {
      expect(res.text).toContain(escapeHtml(s.title));
      expect(res.text).toContain(s.specialty);
    }
  });

  it('escapes what scenario files supply', async () => {
    const base = (await bundledLibrary()).list()[0];
    const evil = { ...base, title: '<script>alert(1)</script>', specialty: '"><img src=x onerror=alert(1)>' };
    const problem: ScenarioProblem = { problem: 'invalid-value', file: '<b>x.yaml', line: 1, col: 1, path: 'id', message: '<i>bad</i>' };
    const { app } = await makeTestApp({ scenarios: { list: () => [evil], get: () => evil, problems: () => [problem] } });
    const home = await request(app).get('/');
    expect(home.text).not.toContain('<script>alert(1)</script>');
    expect(home.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(home.text).not.toContain('<img src=x');
    const problems = await request(app).get('/problems');
    expect(problems.text).toContain('&lt;b&gt;x.yaml:1:1');
    expect(problems.text).not.toContain('<i>bad</i>');
  });

  it('GET /problems lists scenario problems with file, line, column and field', async () => {
    const problem: ScenarioProblem = { problem: 'evidence-not-found', file: 'office/x.yaml', line: 12, col: 7, path: 'answerKey.diagnoses[0].evidence[0]', message: 'evidence "y" does not occur in report.text' };
    const { app } = await makeTestApp({ scenarios: { list: () => [], get: () => undefined, problems: () => [problem] } });
    const page = await request(app).get('/problems');
    expect(page.status).toBe(200);
    expect(page.text).toContain('office/x.yaml:12:7');
    expect(page.text).toContain('answerKey.diagnoses[0].evidence[0]');
    const api = await request(app).get('/api/scenario-problems');
    expect(api.body).toEqual({ problems: [problem] });
    const home = await request(app).get('/');
    expect(home.text).toMatch(/1 problem\(s\)/);
  });

  it.each([
    ['an HTML page for people', '/no-such-page', 'text/html', /Not found/],
    ['JSON under /api', '/api/no-such-thing', 'application/json', /"status":404/],
  ])('answers 404 with %s', async (_name, url, type, body) => {
    const res = await request((await makeTestApp()).app).get(url);
    expect(res.status).toBe(404);
    expect(res.type).toBe(type);
    expect(res.text).toMatch(body);
  });

  it('serves static files but not outside public/', async () => {
    const app = (await makeTestApp()).app;
    expect((await request(app).get('/static/styles.css')).status).toBe(200);
    expect((await request(app).get('/static/../package.json')).status).toBe(404);
    expect((await request(app).get('/static/%2e%2e/package.json')).status).toBe(404);
  });

  it('hashes no ETag for pages made per request, and keeps one for static files', async () => {
    const app = (await makeTestApp()).app;
    expect((await request(app).get('/')).headers.etag).toBeUndefined();
    expect((await request(app).get('/healthz')).headers.etag).toBeUndefined();
    expect((await request(app).get('/static/styles.css')).headers.etag).toMatch(/^W\/"/);
  });

  it('answers 500 without leaking the error, and logs it', async () => {
    const logged: string[] = [];
    const broken = { list: () => { throw new Error('secret detail'); }, get: () => undefined, problems: () => [] };
    const res = await request((await makeTestApp({ scenarios: broken, logger: { error: (m) => logged.push(m) } })).app).get('/');
    expect(res.status).toBe(500);
    expect(res.text).not.toContain('secret detail');
    expect(logged[0]).toContain('secret detail');
  });

  it('answers 500 for a code whose tabular chain is damaged, logs it, and serves the next request', async () => {
    const logged: string[] = [];
    const loop: TabularNode = { key: 'E11', code: 'E11', kind: 'category', title: 'Type 2 diabetes mellitus', parent: 'E11', children: ['E11'], notes: {} };
    const tabular = new Tabular({ kind: 'icd10cm-tabular', version: '2021' } as SetInfo, { kind: 'icd10cm-tabular', format: 2, version: '2021', effectiveFrom: '', effectiveTo: '', chapters: [], nodes: { E11: loop } });
    const fixture = await importFixtureSets((await makeTempDir()).dir);
    const codeSets = new CodeSets(fixture.sets, tabular);
    const { app } = await makeTestApp({ codeSets: () => codeSets, logger: { error: (m) => logged.push(m) } });
    const res = await request(app).get('/api/codes/icd10cm/E11.65');
    expect(res.status).toBe(500);
    expect(logged.join('\n')).toMatch(/does not reach a chapter/);
    expect((await request(app).get('/healthz')).status).toBe(200);
  });
});
