import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import request from 'supertest';
import { AttemptStore } from '../../server/storage/attempts';
import { csrfFrom, makeTestApp, signedInAgent } from '../helpers/app';

const ANKLE = 'ed-ankle-fracture-ladder';

describe('choosing a name', () => {
  it('signs in with a display name and shows it', async () => {
    const { app, cleanup } = await makeTestApp();
    const { agent } = await signedInAgent(app, 'Ana <b>Ruiz</b>');
    const home = await agent.get('/');
    expect(home.text).toContain('Practising as <strong>Ana &lt;b&gt;Ruiz&lt;/b&gt;</strong>');
    await cleanup();
  });

  it.each([
    ['an empty name', '   ', /Enter a display name/],
    ['a name that is too long', 'x'.repeat(61), /at most 60 characters/],
    ['control characters', 'Ana\u0007', /control characters/],
  ])('refuses %s with 400 and says why', async (_name, name, message) => {
    const { app, cleanup } = await makeTestApp();
    const agent = request.agent(app);
    const csrf = csrfFrom((await agent.get('/start')).text);
    const res = await agent.post('/start').type('form').send({ name, _csrf: csrf });
    expect(res.status).toBe(400);
    expect(res.text).toMatch(message);
    expect(res.text).toContain('aria-invalid="true"');
    await cleanup();
  });

  it('refuses a post without the CSRF token', async () => {
    const { app, cleanup } = await makeTestApp();
    const agent = request.agent(app);
    await agent.get('/start');
    const res = await agent.post('/start').type('form').send({ name: 'Eve' });
    expect(res.status).toBe(403);
    expect(res.text).toMatch(/CSRF token/);
    await cleanup();
  });

  it('only redirects within the site after signing in', async () => {
    const { app, cleanup } = await makeTestApp();
    const agent = request.agent(app);
    const csrf = csrfFrom((await agent.get('/start')).text);
    const res = await agent.post('/start').type('form').send({ name: 'Eve', _csrf: csrf, next: '//evil.example/x' });
    expect(res.headers.location).toBe('/');
    await cleanup();
  });

  it('forgets the name on sign-out', async () => {
    const { app, cleanup } = await makeTestApp();
    const { agent, csrf } = await signedInAgent(app);
    await agent.post('/signout').type('form').send({ _csrf: csrf }).expect(303);
    expect((await agent.get('/')).text).toContain('Choose your name');
    await cleanup();
  });

  it('does not accept a cookie that was not signed by this server', async () => {
    const { app, cleanup } = await makeTestApp();
    const res = await request(app).get('/').set('Cookie', 'handoff_session=s%3Aforged.value');
    expect(res.text).toContain('Choose your name');
    await cleanup();
  });
});

describe('attempts through the web form', () => {
  it('grades, stores and shows an attempt: findings, evidence marks and the answer key', async () => {
    const { app, cleanup } = await makeTestApp();
    const { agent, csrf } = await signedInAgent(app);
    const res = await agent
      .post(`/scenarios/${ANKLE}/attempts`)
      .type('form')
      .send(`_csrf=${csrf}&diagnoses=S82.62XA&diagnoses=w11xxxa&diagnoses=&procCode=99284&procModifiers=25&procUnits=1&procCode=&procModifiers=&procUnits=1`);
    expect(res.status).toBe(303);
    expect(res.headers.location).toMatch(/^\/attempts\/[A-Za-z0-9_-]{12}$/);
    const page = await agent.get(res.headers.location);
    expect(page.status).toBe(200);
    expect(page.text).toContain('badge--laterality');
    expect(page.text).toContain('S82.62XA codes the left side; the report documents the right side.');
    expect(page.text).toContain('badge--missing');
    expect(page.text).toMatch(/<mark class="evidence ev-1[^"]*" id="ev-1" tabindex="-1">displaced fracture of the distal right fibula at the lateral malleolus<\/mark>/);
    expect(page.text).toContain('href="#ev-1"');
    expect(page.text).toContain('Answer key');
    expect(page.text).toContain(`href="/scenarios/${ANKLE}">Try again`);
    await cleanup();
  });

  it('sends a visitor without a name to choose one first', async () => {
    const { app, cleanup } = await makeTestApp();
    const agent = request.agent(app);
    const csrf = csrfFrom((await agent.get(`/scenarios/${ANKLE}`)).text);
    const res = await agent.post(`/scenarios/${ANKLE}/attempts`).type('form').send({ _csrf: csrf, diagnoses: 'S82.61XA' });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/start?next=${encodeURIComponent(`/scenarios/${ANKLE}`)}`);
    await cleanup();
  });

  it.each([
    ['no CSRF token', (csrf: string) => ({ diagnoses: 'I10', _x: csrf }), 403],
    ['a wrong CSRF token', () => ({ diagnoses: 'I10', _csrf: 'forged' }), 403],
  ])('refuses a post with %s', async (_name, body, status) => {
    const { app, cleanup } = await makeTestApp();
    const { agent, csrf } = await signedInAgent(app);
    const res = await agent.post(`/scenarios/${ANKLE}/attempts`).type('form').send(body(csrf));
    expect(res.status).toBe(status);
    await cleanup();
  });

  it('answers 404 for an unknown scenario, and 413 for an oversized form', async () => {
    const { app, cleanup } = await makeTestApp();
    const { agent, csrf } = await signedInAgent(app);
    expect((await agent.get('/scenarios/no-such-thing')).status).toBe(404);
    expect((await agent.post('/scenarios/no-such-thing/attempts').type('form').send({ _csrf: csrf })).status).toBe(404);
    const big = await agent.post(`/scenarios/${ANKLE}/attempts`).type('form').send({ _csrf: csrf, diagnoses: 'x'.repeat(40000) });
    expect(big.status).toBe(413);
    await cleanup();
  });

  it('hides one trainee’s attempt from another, and from a visitor', async () => {
    const { app, cleanup } = await makeTestApp();
    const ana = await signedInAgent(app, 'Ana');
    const res = await ana.agent.post(`/scenarios/${ANKLE}/attempts`).type('form').send({ _csrf: ana.csrf, diagnoses: 'S82.61XA' });
    const url = res.headers.location;
    const ben = await signedInAgent(app, 'Ben');
    expect((await ben.agent.get(url)).status).toBe(404);
    expect((await ben.agent.get(`/api${url}`)).status).toBe(404);
    expect((await request(app).get(`/api${url}`)).status).toBe(401);
    expect((await ana.agent.get(`/api${url}`)).body).toMatchObject({ scenarioId: ANKLE, result: { scenarioId: ANKLE } });
    await cleanup();
  });
});

describe('POST /api/scenarios/:id/attempts', () => {
  it('stores an attempt and returns the result with its id', async () => {
    const { app, cleanup } = await makeTestApp();
    const { agent, csrf } = await signedInAgent(app);
    const res = await agent.post(`/api/scenarios/${ANKLE}/attempts`).set('X-CSRF-Token', csrf).send({ diagnoses: ['S82.61XA', 'W11.XXXA'], procedures: ['99284-25', '29515-RT'] });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ attemptId: expect.stringMatching(/^[A-Za-z0-9_-]{12}$/), scenarioId: ANKLE, claimReady: true, score: { percent: 100 } });
    expect((await agent.get(`/api/attempts/${res.body.attemptId}`)).status).toBe(200);
    await cleanup();
  });

  it.each([
    ['no trainee', false, true, { diagnoses: [] }, 401],
    ['no CSRF header', true, false, { diagnoses: [] }, 403],
    ['a body of the wrong shape', true, true, { diagnoses: 'I10' }, 400],
  ])('answers %s with a JSON error', async (_name, signIn, withToken, body, status) => {
    const { app, cleanup } = await makeTestApp();
    let agent = request.agent(app);
    let csrf = csrfFrom((await agent.get('/')).text);
    if (signIn) ({ agent, csrf } = await signedInAgent(app));
    const req = agent.post(`/api/scenarios/${ANKLE}/attempts`);
    if (withToken) req.set('X-CSRF-Token', csrf);
    const res = await req.send(body);
    expect(res.status).toBe(status);
    expect(res.type).toBe('application/json');
    expect(res.body.error.message).toEqual(expect.any(String));
    await cleanup();
  });

  it('answers malformed JSON with 400 and an oversized body with 413', async () => {
    const { app, cleanup } = await makeTestApp();
    const { agent, csrf } = await signedInAgent(app);
    const bad = await agent.post(`/api/scenarios/${ANKLE}/attempts`).set('X-CSRF-Token', csrf).set('Content-Type', 'application/json').send('{"diagnoses":');
    expect(bad.status).toBe(400);
    const big = await agent.post(`/api/scenarios/${ANKLE}/attempts`).set('X-CSRF-Token', csrf).send({ diagnoses: ['x'.repeat(40000)] });
    expect(big.status).toBe(413);
    await cleanup();
  });

  it('stores every one of many concurrent submissions', async () => {
    const { app, deps, dataDir, cleanup } = await makeTestApp();
    const { agent, csrf } = await signedInAgent(app);
    const responses = await Promise.all(Array.from({ length: 40 }, (_, i) => agent.post(`/api/scenarios/${ANKLE}/attempts`).set('X-CSRF-Token', csrf).send({ diagnoses: [i % 2 ? 'S82.61XA' : 'S82.62XA'] })));
    expect(responses.every((r) => r.status === 201)).toBe(true);
    const trainee = (await deps.trainees.list())[0];
    const restarted = new AttemptStore(dataDir);
    expect((await restarted.list(trainee.id)).length).toBe(40);
    await cleanup();
  });
});

describe('a corrupt data file', () => {
  it.each([
    { file: '000000.json', text: '{ broken', says: 'invalid JSON' },
    { file: '000000.journal', text: '{"id":"abc"}\n{"id":', says: 'line 2 is incomplete (a save was interrupted)' },
  ])('is named on an error page and kept as it is: $file', async ({ file, text, says }) => {
    const { app, dataDir, deps, cleanup } = await makeTestApp();
    const agent = request.agent(app);
    const csrf = csrfFrom((await agent.get('/start')).text);
    await agent.post('/start').type('form').send({ name: 'Cora', _csrf: csrf }).expect(303);
    const trainee = (await deps.trainees.list())[0];
    const folder = path.join(dataDir, 'attempts', trainee.id);
    await mkdir(folder, { recursive: true });
    await writeFile(path.join(folder, file), text);
    const page = await agent.get('/progress');
    expect(page.status).toBe(500);
    expect(page.text).toContain(`attempts/${trainee.id}/${file}`);
    expect(page.text).toContain(says);
    expect(page.text).toContain('left as it is');
    expect(await readFile(path.join(folder, file), 'utf8')).toBe(text);
    await cleanup();
  });
});
