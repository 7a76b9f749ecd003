/**
 * Classes on the real app: a trainer creates a cohort, trainees join with its code and
 * practise, the trainer reads the dashboard, report, drill-down and CSV — and every refusal:
 * trainees, other trainers, other cohorts' trainees.
 */
import request from 'supertest';
import { passwordHasher } from '../../server/accounts/passwords';
import { csrfFrom, makeTestApp, PASSWORD, signedInAgent, type Agent, type TestApp } from '../helpers/app';

const ANKLE = 'ed-ankle-fracture-ladder';
const APPENDIX = 'inpatient-appendicitis-laparoscopic';

async function practise(agent: Agent, csrf: string, scenarioId: string, body: object): Promise<string> {
  const res = await agent.post(`/api/scenarios/${scenarioId}/attempts`).set('X-CSRF-Token', csrf).send(body);
  if (res.status !== 201) throw new Error(`attempt failed: ${res.status} ${res.text}`);
  return res.body.attemptId as string;
}

async function join(
  t: TestApp,
  joinCode: string,
  username: string,
): Promise<{ agent: Agent; csrf: string; id: string }> {
  const agent = request.agent(t.app);
  const res = await agent.post('/api/auth/register').send({ username, password: PASSWORD, joinCode });
  if (res.status !== 201) throw new Error(`register failed: ${res.status} ${res.text}`);
  return { agent, csrf: res.body.csrfToken as string, id: res.body.user.id as string };
}

describe('classes', () => {
  let t: TestApp;
  let trainer: { agent: Agent; csrf: string; userId: string };
  let cohort: { id: string; name: string; joinCode: string };
  beforeEach(async () => {
    t = await makeTestApp({ limits: { submissionsPerMinute: 1000 } });
    trainer = await signedInAgent(t, 'Dana Whitfield', 'trainer');
    const made = await trainer.agent
      .post('/api/cohorts')
      .set('X-CSRF-Token', trainer.csrf)
      .send({ name: 'Spring CPC' });
    expect(made.status).toBe(201);
    cohort = made.body;
  });
  afterEach(() => t.cleanup());

  it('creates a cohort with a readable join code, and lists it to its trainer', async () => {
    expect(cohort).toEqual({
      id: expect.any(String),
      name: 'Spring CPC',
      joinCode: expect.stringMatching(/^[A-HJ-NP-Z2-9]{8}$/),
      registrationOpen: true,
    });
    expect((await trainer.agent.get('/api/cohorts')).body.cohorts).toEqual([cohort]);
    expect((await trainer.agent.get('/cohorts')).text).toContain(cohort.joinCode);
  });

  it('reports per trainee and per scenario, with the wrong codes trainees submit most', async () => {
    const ana = await join(t, cohort.joinCode, 'Ana Ruiz');
    const ben = await join(t, cohort.joinCode, 'Ben Ode');
    await practise(ana.agent, ana.csrf, ANKLE, {
      diagnoses: ['S82.62XA', 'W11.XXXA'],
      procedures: ['99284-25', '29515-RT'],
    });
    await practise(ana.agent, ana.csrf, ANKLE, {
      diagnoses: ['S82.61XA', 'W11.XXXA'],
      procedures: ['99284-25', '29515-RT'],
    });
    await practise(ben.agent, ben.csrf, ANKLE, { diagnoses: ['S82.62XA'], procedures: [] });
    await practise(ben.agent, ben.csrf, APPENDIX, { diagnoses: ['K35.30'] });
    const report = await trainer.agent.get(`/api/cohorts/${cohort.id}/report`);
    expect(report.status).toBe(200);
    const anaRow = report.body.trainees.find((r: { username: string }) => r.username === 'Ana Ruiz');
    expect(anaRow).toMatchObject({
      attempts: 2,
      scenariosAttempted: 1,
      bestScore: 100,
      claimReady: 1,
      claimed: true,
      lastActive: expect.any(String),
    });
    const ankle = report.body.scenarios.find((s: { scenarioId: string }) => s.scenarioId === ANKLE);
    expect(ankle).toMatchObject({ attempts: 3, trainees: 2, claimReadyRate: 33.3 });
    expect(ankle.wrongCodes[0]).toEqual({ kind: 'laterality', code: 'S82.62XA', count: 2 });
    expect(ankle.kinds).toEqual(
      expect.arrayContaining([
        { kind: 'laterality', count: 2 },
        expect.objectContaining({ kind: 'missing' }),
      ]),
    );
  });

  it('shows the dashboard: sortable roster with sparklines, heat map, hardest scenarios, item analysis', async () => {
    const ana = await join(t, cohort.joinCode, 'Ana Ruiz');
    const zed = await join(t, cohort.joinCode, 'Zed Park');
    for (const dx of ['S82.62XA', 'S82.61XA'])
      await practise(ana.agent, ana.csrf, ANKLE, { diagnoses: [dx, 'W11.XXXA'] });
    await practise(zed.agent, zed.csrf, APPENDIX, {
      diagnoses: ['K35.30', 'E87.1'],
      procedures: ['0DTJ4ZZ'],
    });
    const page = await trainer.agent.get(`/cohorts/${cohort.id}?sort=attempts&dir=desc`);
    expect(page.status).toBe(200);
    expect(page.text.indexOf('>Ana Ruiz</a>')).toBeLessThan(page.text.indexOf('>Zed Park</a>'));
    expect(page.text).toContain('aria-sort="descending"');
    expect(page.text).toMatch(/<svg class="sparkline"[^>]+role="img" aria-label="recent scores: \d+%, \d+%"/);
    expect(page.text).toMatch(/class="heat heat--(low|mid|high|full)">\d+%<\/td>/);
    expect(page.text).toContain('Hardest scenarios');
    expect(page.text).toMatch(/Wrong codes most often submitted[\s\S]*S82\.62XA[\s\S]*Laterality/);
    const byName = await trainer.agent.get(`/cohorts/${cohort.id}?sort=name&dir=desc`);
    expect(byName.text.indexOf('>Zed Park</a>')).toBeLessThan(byName.text.indexOf('>Ana Ruiz</a>'));
  });

  it('drills down to a trainee’s attempts and results', async () => {
    const ana = await join(t, cohort.joinCode, 'Ana Ruiz');
    const attemptId = await practise(ana.agent, ana.csrf, ANKLE, { diagnoses: ['S82.62XA'] });
    const drill = await trainer.agent.get(`/cohorts/${cohort.id}/trainees/${ana.id}`);
    expect(drill.text).toContain(`/cohorts/${cohort.id}/trainees/${ana.id}/attempts/${attemptId}`);
    const result = await trainer.agent.get(`/cohorts/${cohort.id}/trainees/${ana.id}/attempts/${attemptId}`);
    expect(result.status).toBe(200);
    expect(result.text).toContain('badge--laterality');
  });

  it('exports the roster and every attempt as CSV, names that look like formulas quoted as text', async () => {
    // A display name of the name-only version was never checked as a username is now.
    const user = await t.store.createUser({
      username: '=Ana',
      role: 'trainee',
      passwordHash: await passwordHasher.hash(PASSWORD),
    });
    await t.store.addMember({ cohortId: cohort.id, userId: user.id, joinedAt: '2026-03-01T00:00:00.000Z' });
    const ana = request.agent(t.app);
    const csrf = (await ana.post('/api/auth/login').send({ username: '=Ana', password: PASSWORD })).body
      .csrfToken as string;
    await practise(ana, csrf, ANKLE, { diagnoses: ['S82.62XA'] });
    const roster = await trainer.agent.get(`/cohorts/${cohort.id}/roster.csv`);
    expect(roster.type).toBe('text/csv');
    expect(roster.text.split('\r\n')[0]).toBe(
      'username,claimed,attempts,scenarios_attempted,mean_score,best_score,claim_ready,last_active',
    );
    expect(roster.text.split('\r\n')[1]).toMatch(/^'=Ana,true,1,1,/);
    const attempts = await trainer.agent.get(`/cohorts/${cohort.id}/attempts.csv`);
    expect(attempts.text.trim().split('\r\n')).toHaveLength(2);
    expect(attempts.text).toMatch(/\r\n'=Ana,[0-9a-f]{32},/);
  });

  it.each([
    ['a trainee', 'trainee'],
    ['a trainer who does not teach the class', 'trainer'],
  ])('refuses %s everything about the class', async (_name, role) => {
    const ana = await join(t, cohort.joinCode, 'Ana Ruiz');
    const attemptId = await practise(ana.agent, ana.csrf, ANKLE, { diagnoses: ['S82.62XA'] });
    const other =
      role === 'trainee' ? ana : { ...(await signedInAgent(t, 'Other Trainer', 'trainer')), id: '' };
    const status = role === 'trainee' ? 403 : 404;
    for (const url of [
      `/cohorts/${cohort.id}`,
      `/api/cohorts/${cohort.id}/report`,
      `/cohorts/${cohort.id}/roster.csv`,
      `/cohorts/${cohort.id}/attempts.csv`,
      `/cohorts/${cohort.id}/trainees/${ana.id}`,
      `/cohorts/${cohort.id}/trainees/${ana.id}/attempts/${attemptId}`,
    ]) {
      expect({ url, status: (await other.agent.get(url)).status }).toEqual({ url, status });
    }
    const post = await other.agent
      .post(`/cohorts/${cohort.id}/registration`)
      .type('form')
      .send({ _csrf: other.csrf, open: '0' });
    expect(post.status).toBe(status);
  });

  it("answers not found for a trainee of another class, even to this class's trainer", async () => {
    const otherTrainer = await signedInAgent(t, 'Other Trainer', 'trainer');
    const otherCohort = (
      await otherTrainer.agent
        .post('/api/cohorts')
        .set('X-CSRF-Token', otherTrainer.csrf)
        .send({ name: 'Other' })
    ).body;
    const stranger = await join(t, otherCohort.joinCode, 'Stranger');
    const attemptId = await practise(stranger.agent, stranger.csrf, ANKLE, { diagnoses: ['I10'] });
    expect((await trainer.agent.get(`/cohorts/${cohort.id}/trainees/${stranger.id}`)).status).toBe(404);
    expect(
      (await trainer.agent.get(`/cohorts/${cohort.id}/trainees/${stranger.id}/attempts/${attemptId}`)).status,
    ).toBe(404);
    expect(
      (
        await trainer.agent
          .post(`/cohorts/${cohort.id}/trainees/${stranger.id}/reset-link`)
          .type('form')
          .send({ _csrf: trainer.csrf })
      ).status,
    ).toBe(404);
  });

  it('closes and opens registration', async () => {
    const page = await trainer.agent.get(`/cohorts/${cohort.id}`);
    await trainer.agent
      .post(`/cohorts/${cohort.id}/registration`)
      .type('form')
      .send({ _csrf: csrfFrom(page.text), open: '0' })
      .expect(303);
    expect(
      (
        await request(t.app)
          .post('/api/auth/register')
          .send({ username: 'Late', password: PASSWORD, joinCode: cohort.joinCode })
      ).status,
    ).toBe(403);
    await trainer.agent
      .post(`/cohorts/${cohort.id}/registration`)
      .type('form')
      .send({ _csrf: csrfFrom(page.text), open: '1' })
      .expect(303);
    expect(
      (
        await request(t.app)
          .post('/api/auth/register')
          .send({ username: 'Late', password: PASSWORD, joinCode: cohort.joinCode })
      ).status,
    ).toBe(201);
  });

  it('lets a second trainer teach the class', async () => {
    const second = await signedInAgent(t, 'Second Trainer', 'trainer');
    expect((await second.agent.get(`/cohorts/${cohort.id}`)).status).toBe(404);
    await trainer.agent
      .post(`/cohorts/${cohort.id}/trainers`)
      .type('form')
      .send({ _csrf: trainer.csrf, username: 'second trainer' })
      .expect(303);
    expect((await second.agent.get(`/cohorts/${cohort.id}`)).status).toBe(200);
  });

  it('shows unclaimed trainees of the name-only version, makes a reset link, and adds them to the class', async () => {
    const cora = await t.accounts.createUser('Cora', null, 'trainee');
    const list = await trainer.agent.get('/cohorts');
    expect(list.text).toMatch(/<th scope="row">Cora<\/th><td>unclaimed<\/td>/);
    const link = await trainer.agent
      .post(`/users/${cora.id}/reset-link`)
      .type('form')
      .send({ _csrf: csrfFrom(list.text) });
    const url = /value="(http:\/\/[^"]+\/reset\/[^"]+)"/.exec(link.text)?.[1] as string;
    expect(url).toBeDefined();
    const token = url.slice(url.lastIndexOf('/') + 1);
    expect((await request(t.app).get(`/reset/${token}`)).text).toContain('Claim your account');
    await trainer.agent
      .post(`/cohorts/${cohort.id}/members`)
      .type('form')
      .send({ _csrf: trainer.csrf, username: 'Cora' })
      .expect(303);
    expect((await trainer.agent.get(`/cohorts/${cohort.id}`)).text).toMatch(
      />Cora<\/a> <span class="muted">\(unclaimed\)/,
    );
  });

  it.each([
    ['an empty name', ''],
    ['a name too long', 'x'.repeat(101)],
    ['a name with a control character', 'Spring\u0007'],
  ])('refuses a class with %s', async (_name, name) => {
    const res = await trainer.agent.post('/api/cohorts').set('X-CSRF-Token', trainer.csrf).send({ name });
    expect(res.status).toBe(400);
  });
});
