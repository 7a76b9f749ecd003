import request from 'supertest';
import { csrfFrom, makeTestApp, PASSWORD, signedInAgent } from '../helpers/app';
import { withFixtureCodeSets } from '../helpers/fixture-codesets';
import type { CodeSets } from '../../server/codesets/code-sets';

const ANKLE = 'ed-ankle-fracture-ladder';
const APPENDIX = 'inpatient-appendicitis-laparoscopic';

describe('the catalogue', () => {
  it.each([
    ['setting=inpatient', (ids: string[]) => ids.includes(APPENDIX) && !ids.includes(ANKLE)],
    ['difficulty=3&setting=outpatient', (ids: string[]) => ids.includes(ANKLE) && !ids.includes(APPENDIX)],
    ['system=ICD-10-PCS', (ids: string[]) => ids.includes(APPENDIX) && !ids.includes(ANKLE)],
    ['tag=placeholder', (ids: string[]) => ids.includes(ANKLE)],
    ['q=ladder+ankle', (ids: string[]) => ids.length >= 1 && ids.includes(ANKLE)],
    ['q=zzzz-nothing', (ids: string[]) => ids.length === 0],
  ])('filters by %s', async (query, check) => {
    const t = await makeTestApp();
    const { agent } = await signedInAgent(t);
    const page = await agent.get(`/?${query}`);
    const ids = [...page.text.matchAll(/<a href="\/scenarios\/([a-z0-9-]+)">/g)].map((m) => m[1]);
    expect(check(ids)).toBe(true);
    await t.cleanup();
  });

  it('shows the trainee’s best score, status and overall progress', async () => {
    const t = await makeTestApp();
    const { agent, csrf } = await signedInAgent(t);
    await agent
      .post(`/api/scenarios/${ANKLE}/attempts`)
      .set('X-CSRF-Token', csrf)
      .send({ diagnoses: ['S82.61XA', 'W11.XXXA'], procedures: ['99284-25', '29515-RT'] });
    await agent
      .post(`/api/scenarios/${APPENDIX}/attempts`)
      .set('X-CSRF-Token', csrf)
      .send({ diagnoses: ['K35.30'] });
    const page = await agent.get('/');
    expect(page.text).toMatch(/Claim-ready: 1 of \d+ scenarios/);
    expect(page.text).toMatch(new RegExp(`/scenarios/${ANKLE}">[\\s\\S]*?100%[\\s\\S]*?status--claim-ready`));
    expect(page.text).toMatch(new RegExp(`/scenarios/${APPENDIX}">[\\s\\S]*?status--attempted`));
    const onlyClaimReady = await agent.get('/?status=claim-ready');
    expect(
      [...onlyClaimReady.text.matchAll(/<a href="\/scenarios\/([a-z0-9-]+)">/g)].map((m) => m[1]),
    ).toEqual([ANKLE]);
    await t.cleanup();
  });
});

describe('the workspace', () => {
  it.each([
    [ANKLE, 'First-listed diagnosis', 'procModifiers'],
    [APPENDIX, 'Principal diagnosis', null],
  ])('%s labels the first row and has plain form fields', async (id, label, modifierField) => {
    const t = await makeTestApp();
    const { agent } = await signedInAgent(t);
    const page = await agent.get(`/scenarios/${id}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain(`<label for="dx-1" class="row-label">${label}</label>`);
    expect(page.text).toContain('name="diagnoses"');
    expect(page.text).toContain('name="procCode"');
    expect(page.text.includes('name="procModifiers"')).toBe(modifierField !== null);
    expect(page.text).toMatch(/name="_csrf" value="[^"]+"/);
    // The report is shown as written, line breaks kept by the stylesheet.
    expect(page.text).toContain('class="report-text"');
    await t.cleanup();
  });
});

describe('the code look-up', () => {
  const fixtureSets = withFixtureCodeSets();
  let codeSets: CodeSets;
  beforeAll(() => {
    codeSets = fixtureSets();
  });

  it('says how to import code sets when none are loaded, and still works', async () => {
    const t = await makeTestApp();
    const { agent } = await signedInAgent(t);
    const page = await agent.get('/codes');
    expect(page.text).toContain('No official code sets are imported');
    expect(page.text).toContain('npm run codesets -- import');
    expect((await agent.get('/api/codes/search?q=fracture')).body).toEqual({
      query: 'fracture',
      results: [],
      codeSets: [],
    });
    expect((await agent.get('/api/codes/icd10cm/S82.61XA')).status).toBe(404);
    expect((await agent.get(`/scenarios/${ANKLE}`)).text).toContain('code suggestions are off');
    await t.cleanup();
  });

  it('searches by code and words, marking billable codes', async () => {
    const t = await makeTestApp({ codeSets: () => codeSets });
    const { agent } = await signedInAgent(t);
    const res = await agent.get('/api/codes/search?q=s82.61&system=icd10cm&limit=3');
    expect(
      res.body.results.map((r: { code: string; billable: boolean; match: string; system: string }) => [
        r.code,
        r.billable,
        r.match,
        r.system,
      ]),
    ).toEqual([
      ['S82.61', false, 'code', 'icd10cm'],
      ['S82.61XA', true, 'prefix', 'icd10cm'],
      ['S82.61XD', true, 'prefix', 'icd10cm'],
    ]);
    const page = await agent.get('/codes?q=appendix');
    expect(page.text).toContain('/codes/icd10pcs/0DTJ4ZZ');
    await t.cleanup();
  });

  it.each([
    ['/api/codes/search?q=x&system=icd9', 400, /system must be one of/],
    ['/api/codes/search?q=x&limit=500', 400, /limit must be/],
    ['/api/codes/icd9/123', 400, /system must be one of/],
    ['/api/codes/icd10cm/Z99.99', 404, /not found/],
  ])('answers %s with %i', async (url, status, message) => {
    const t = await makeTestApp({ codeSets: () => codeSets });
    const { agent } = await signedInAgent(t);
    const res = await agent.get(url);
    expect(res.status).toBe(status);
    expect(res.body.error.message).toMatch(message);
    await t.cleanup();
  });

  it('gives a code its parents, children, inherited notes and 7th characters', async () => {
    const t = await makeTestApp({ codeSets: () => codeSets });
    const { agent } = await signedInAgent(t);
    const api = await agent.get('/api/codes/icd10cm/s8261xa');
    expect(api.body).toMatchObject({
      system: 'icd10cm',
      code: 'S82.61XA',
      billable: true,
      parents: [
        { code: 'S82.61' },
        { code: 'S82.6' },
        { code: 'S82' },
        { code: 'S80-S89' },
        { code: 'chapter 19' },
      ],
    });
    expect(api.body.sevenCharacters).toContainEqual({
      char: 'A',
      meaning: 'initial encounter for closed fracture',
      notes: [],
    });
    const heading = await agent.get('/api/codes/icd10cm/E11');
    expect(heading.body).toMatchObject({
      billable: false,
      children: { total: 2, items: [{ code: 'E11.6' }, { code: 'E11.9' }] },
    });
    expect(heading.body.notes).toContainEqual({
      kind: 'excludes1',
      from: 'E11',
      text: 'gestational diabetes (O24.4-)',
    });
    const page = await agent.get('/codes/icd10cm/E11.65');
    expect(page.text).toContain('Use additional code');
    expect(page.text).toContain('href="/codes/icd10cm/E11"');
    await t.cleanup();
  });

  it('offers suggestions in the workspace when code sets are loaded', async () => {
    const t = await makeTestApp({ codeSets: () => codeSets });
    const { agent } = await signedInAgent(t);
    const page = await agent.get(`/scenarios/${ANKLE}`);
    expect(page.text).toContain('data-lookup="on"');
    expect(page.text).toContain('<script src="/static/combobox.js" defer></script>');
    await t.cleanup();
  });
});

describe('safety', () => {
  it('sends a Content-Security-Policy that allows only this origin, and no inline script', async () => {
    const t = await makeTestApp();
    const { agent, csrf } = await signedInAgent(t, 'Teacher', 'trainer');
    const attempt = await agent
      .post(`/scenarios/${ANKLE}/attempts`)
      .type('form')
      .send({ _csrf: csrf, diagnoses: '<script>alert(1)</script>' });
    for (const url of [
      '/',
      '/signin',
      '/account',
      `/scenarios/${ANKLE}`,
      attempt.headers.location,
      '/progress',
      '/codes',
      '/problems',
      '/cohorts',
      '/nope',
    ]) {
      const res = await agent.get(url);
      expect(res.headers['content-security-policy']).toContain("default-src 'self'");
      expect(res.headers['content-security-policy']).toContain("script-src 'self'");
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
      expect(res.text).not.toMatch(/\son[a-z]+="/);
    }
    const results = await agent.get(attempt.headers.location);
    expect(results.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    await t.cleanup();
  });

  it.each([
    ['served over plain HTTP (auto)', 'auto' as const, false, false],
    ['behind a proxy that says HTTPS (auto, trust proxy)', 'auto' as const, true, true],
    ['configured Secure', true, false, true],
  ])(
    'sets the session cookie HTTP-only, signed and SameSite=Lax; Secure when %s',
    async (_name, secureCookies, viaProxy, secure) => {
      const t = await makeTestApp({ secureCookies, trustProxy: 1 });
      await t.accounts.createUser('Ana Ruiz', PASSWORD, 'trainee');
      const req = request(t.app).post('/api/auth/login');
      if (viaProxy) req.set('X-Forwarded-Proto', 'https');
      const res = await req.send({ username: 'Ana Ruiz', password: PASSWORD });
      const cookie = String(res.headers['set-cookie']);
      expect(cookie).toMatch(/handoff_session=s%3A/);
      expect(cookie).toMatch(/HttpOnly/);
      expect(cookie).toMatch(/SameSite=Lax/);
      expect(/;\s*Secure/.test(cookie)).toBe(secure);
      await t.cleanup();
    },
  );

  it('keeps the CSRF token on every form of a page', async () => {
    const t = await makeTestApp();
    const { agent } = await signedInAgent(t);
    const page = await agent.get(`/scenarios/${ANKLE}`);
    expect(csrfFrom(page.text)).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    await t.cleanup();
  });
});
