/**
 * Assignments and exams on the real app, on a clock the test moves: a trainer sets an exam,
 * trainees take it, and every rule holds — exam-only scenarios stay hidden, nothing graded
 * shows before the end, late answers are refused and earlier ones kept, the server ends
 * the exam when its time is up, one sitting unless a retake is allowed, and nobody reaches
 * another trainee's exam.
 */
import request from 'supertest';
import type { ScenarioModel } from '../../server/scenarios/model';
import { makeTestApp, PASSWORD, signedInAgent, type Agent, type TestApp } from '../helpers/app';

const ANKLE = 'ed-ankle-fracture-ladder';
const HIDDEN = 'exam-im-painful-diabetic-neuropathy-hfpef-obesity';
const OPENS = '2026-03-02T09:00:00.000Z';
const DUE = '2026-03-02T17:00:00.000Z';
const MINUTE = 60_000;

/** The answer key's own codes: a right answer. */
function keyOf(scenario: ScenarioModel) {
  return {
    diagnoses: scenario.answerKey.diagnoses.filter((d) => !d.optional).map((d) => d.code),
    procedures: scenario.answerKey.procedures
      .filter((p) => !p.optional)
      .map((p) => ({ code: p.code, modifiers: p.modifiers, units: p.units })),
  };
}

interface Member {
  agent: Agent;
  csrf: string;
  id: string;
}

describe('assignments and exams', () => {
  let t: TestApp;
  let now: Date;
  let trainer: { agent: Agent; csrf: string; userId: string };
  let cohortId: string;
  let ana: Member;
  let ben: Member;

  const at = (iso: string) => {
    now = new Date(iso);
  };
  const later = (ms: number) => {
    now = new Date(now.getTime() + ms);
  };
  const join = async (joinCode: string, username: string): Promise<Member> => {
    const agent = request.agent(t.app);
    const res = await agent.post('/api/auth/register').send({ username, password: PASSWORD, joinCode });
    expect(res.status).toBe(201);
    return { agent, csrf: res.body.csrfToken as string, id: res.body.user.id as string };
  };
  const setAssignment = (body: object, who: { agent: Agent; csrf: string } = trainer, cohort = cohortId) =>
    who.agent.post(`/api/cohorts/${cohort}/assignments`).set('X-CSRF-Token', who.csrf).send(body);
  const exam = (extra: object = {}) => ({
    title: 'Mock CPC',
    mode: 'exam',
    scenarioIds: [ANKLE, HIDDEN],
    opensAt: OPENS,
    dueAt: DUE,
    timeLimitMinutes: 60,
    ...extra,
  });
  const start = (m: Member, assignmentId: string) =>
    m.agent.post(`/api/assignments/${assignmentId}/start`).set('X-CSRF-Token', m.csrf);
  const save = (m: Member, examId: string, scenarioId: string, body: object) =>
    m.agent.put(`/api/exams/${examId}/answers/${scenarioId}`).set('X-CSRF-Token', m.csrf).send(body);
  const submit = (m: Member, examId: string) =>
    m.agent.post(`/api/exams/${examId}/submit`).set('X-CSRF-Token', m.csrf);
  const scenario = (id: string) => t.deps.scenarios.get(id) as ScenarioModel;

  beforeEach(async () => {
    // Sessions expire after 8 idle hours: the tests' clock stays within a working day.
    now = new Date('2026-03-02T08:30:00.000Z');
    t = await makeTestApp({ clock: () => now, limits: { submissionsPerMinute: 1000 } });
    trainer = await signedInAgent(t, 'Dana Whitfield', 'trainer');
    const cohort = await trainer.agent
      .post('/api/cohorts')
      .set('X-CSRF-Token', trainer.csrf)
      .send({ name: 'CPC prep' });
    cohortId = cohort.body.id;
    ana = await join(cohort.body.joinCode, 'Ana Ruiz');
    ben = await join(cohort.body.joinCode, 'Ben Ode');
  });
  afterEach(() => t.cleanup());

  describe('exam-only scenarios', () => {
    it.each([
      ['the workspace', (m: Member) => m.agent.get(`/scenarios/${HIDDEN}`)],
      [
        'grading',
        (m: Member) =>
          m.agent
            .post(`/api/scenarios/${HIDDEN}/grade`)
            .set('X-CSRF-Token', m.csrf)
            .send({ diagnoses: ['I10'] }),
      ],
      [
        'an attempt',
        (m: Member) =>
          m.agent
            .post(`/api/scenarios/${HIDDEN}/attempts`)
            .set('X-CSRF-Token', m.csrf)
            .send({ diagnoses: ['I10'] }),
      ],
    ])('are not found by a trainee through %s', async (_what, call) => {
      expect((await call(ana)).status).toBe(404);
    });

    it('are never listed in the catalogue, and a trainer may preview them', async () => {
      expect((await ana.agent.get('/')).text).not.toContain(HIDDEN);
      const preview = await trainer.agent.get(`/scenarios/${HIDDEN}`);
      expect(preview.status).toBe(200);
      expect(preview.text).toContain('kept for exams');
    });

    it('cannot be set as practice', async () => {
      const res = await setAssignment({ ...exam(), mode: 'practice', timeLimitMinutes: undefined });
      expect(res.status).toBe(400);
      expect(res.body.error.details).toEqual([
        `scenarioIds[1]: "${HIDDEN}" is kept for exams and cannot be set as practice`,
      ]);
    });
  });

  describe('setting an assignment', () => {
    it.each([
      [
        'no time limit on an exam',
        { timeLimitMinutes: undefined },
        'timeLimitMinutes: an exam needs timeLimitMinutes',
      ],
      [
        'a due time before the opening',
        { dueAt: '2026-03-01T09:00:00Z' },
        'dueAt: dueAt must be after opensAt',
      ],
      [
        'an unknown scenario',
        { scenarioIds: ['no-such-scenario'] },
        'scenarioIds[0]: no scenario "no-such-scenario"',
      ],
      [
        'both a list and a blueprint',
        { blueprint: [{ count: 1 }] },
        'scenarioIds: give either scenarioIds or a blueprint, not both',
      ],
      [
        'a time without a zone',
        { opensAt: '2026-03-02 09:00' },
        'opensAt: a time written as ISO 8601, e.g. 2026-04-01T09:00:00Z',
      ],
      [
        'a blueprint the library cannot fill',
        { scenarioIds: undefined, blueprint: [{ count: 40, setting: 'inpatient', system: 'HCPCS' }] },
        'blueprint[0]: asks for 40 scenario(s), the library has 0 that match',
      ],
    ])('refuses %s with a 400 naming it', async (_what, change, detail) => {
      const res = await setAssignment(exam(change));
      expect(res.status).toBe(400);
      expect(res.body.error.details).toContain(detail);
    });

    it('is for the trainers of the class only', async () => {
      expect((await setAssignment(exam(), { agent: ana.agent, csrf: ana.csrf })).status).toBe(403);
      const other = await signedInAgent(t, 'Other Trainer', 'trainer');
      expect((await setAssignment(exam(), other)).status).toBe(404);
      expect((await other.agent.get('/api/assignments')).body.assignments).toEqual([]);
    });

    it('lists the assignment to its trainees with where they stand, and on their pages', async () => {
      const made = await setAssignment(exam());
      expect(made.status).toBe(201);
      expect(made.body).toMatchObject({
        title: 'Mock CPC',
        mode: 'exam',
        passPercent: 70,
        timeLimitMinutes: 60,
      });
      const listed = await ana.agent.get('/api/assignments');
      expect(listed.body.assignments).toEqual([
        expect.objectContaining({ id: made.body.id, status: 'upcoming', cohortName: 'CPC prep' }),
      ]);
      at('2026-03-02T10:00:00Z');
      expect((await ana.agent.get('/api/assignments')).body.assignments[0].status).toBe('due');
      for (const page of ['/', '/progress']) {
        const html = (await ana.agent.get(page)).text;
        expect(html).toContain('Mock CPC');
        expect(html).toContain('to do');
      }
      at('2026-03-02T17:30:00Z');
      expect((await ana.agent.get('/api/assignments')).body.assignments[0].status).toBe('overdue');
    });

    it('sets one from the form, reading its local times at the offset the page sends', async () => {
      const page = await trainer.agent.get(`/cohorts/${cohortId}/assignments/new`);
      expect(page.status).toBe(200);
      const res = await trainer.agent
        .post(`/cohorts/${cohortId}/assignments`)
        .type('form')
        .send({
          _csrf: trainer.csrf,
          title: 'Week 1',
          mode: 'practice',
          source: 'list',
          scenarioIds: [ANKLE],
          opensAt: '2026-03-02T09:00',
          opensAtOffset: '300',
          dueAt: '2026-03-09T09:00',
          dueAtOffset: '240',
          passPercent: '70',
        });
      expect(res.status).toBe(303);
      const id = res.headers.location.replace('/assignments/', '');
      const kept = await t.store.getAssignment(id);
      expect(kept).toMatchObject({
        opensAt: '2026-03-02T14:00:00.000Z',
        dueAt: '2026-03-09T13:00:00.000Z',
        scenarioIds: [ANKLE],
      });
    });

    it('shows the form again with every problem named when the form is incomplete', async () => {
      const res = await trainer.agent
        .post(`/cohorts/${cohortId}/assignments`)
        .type('form')
        .send({ _csrf: trainer.csrf, title: 'Week 1', mode: 'exam', source: 'list', opensAt: '', dueAt: '' });
      expect(res.status).toBe(400);
      expect(res.text).toContain('choose at least one scenario');
      expect(res.text).toContain('an exam needs timeLimitMinutes');
      expect(res.text).toContain('value="Week 1"');
    });

    it('draws a blueprint per trainee once, preferring scenarios the trainee has not tried', async () => {
      const outpatientCm = t.deps.scenarios
        .list()
        .filter((s) => s.setting === 'outpatient' && s.visibility !== 'exam' && s.difficulty === 1);
      // Ana has tried all but one of the easy outpatient scenarios.
      for (const s of outpatientCm.slice(1))
        await ana.agent
          .post(`/api/scenarios/${s.id}/attempts`)
          .set('X-CSRF-Token', ana.csrf)
          .send({ diagnoses: ['R69'] });
      const made = await setAssignment({
        title: 'Easy one',
        mode: 'practice',
        blueprint: [{ count: 1, setting: 'outpatient', minDifficulty: 1, maxDifficulty: 1 }],
        opensAt: '2026-03-01T00:00:00Z',
        dueAt: DUE,
      });
      expect(made.status).toBe(201);
      const first = (await ana.agent.get(`/api/assignments/${made.body.id}`)).body.scenarioIds;
      expect(first).toEqual([outpatientCm[0].id]);
      expect((await ana.agent.get(`/api/assignments/${made.body.id}`)).body.scenarioIds).toEqual(first);
      expect(await t.store.getDraw(made.body.id, ana.id)).toMatchObject({ scenarioIds: first });
    });
  });

  describe('taking an exam', () => {
    let assignmentId: string;
    beforeEach(async () => {
      assignmentId = (await setAssignment(exam())).body.id;
    });

    it('cannot start before it opens', async () => {
      const res = await start(ana, assignmentId);
      expect(res.status).toBe(409);
      expect(res.body.error.message).toBe(`this exam opens at ${OPENS}`);
    });

    it('fixes its scenarios and its end at the start, and starting again returns the same exam', async () => {
      at('2026-03-02T10:00:00Z');
      const first = await start(ana, assignmentId);
      expect(first.status).toBe(200);
      expect(first.body).toEqual({
        examId: expect.any(String),
        scenarios: [
          { id: ANKLE, title: scenario(ANKLE).title },
          { id: HIDDEN, title: scenario(HIDDEN).title },
        ],
        startedAt: '2026-03-02T10:00:00.000Z',
        endsAt: '2026-03-02T11:00:00.000Z',
      });
      later(5 * MINUTE);
      expect((await start(ana, assignmentId)).body.examId).toBe(first.body.examId);
    });

    it('ends at the due time when the time limit would run past it', async () => {
      at('2026-03-02T12:00:00Z');
      await ana.agent.get('/api/assignments'); // (keeps the session from idling out)
      at('2026-03-02T16:40:00Z');
      expect((await start(ana, assignmentId)).body.endsAt).toBe(DUE);
    });

    it('saves answers with no grading shown, and refuses practice on its scenarios meanwhile', async () => {
      at('2026-03-02T09:30:00Z');
      // A practice attempt on the ankle scenario from before the exam.
      const before = await ana.agent
        .post(`/api/scenarios/${ANKLE}/attempts`)
        .set('X-CSRF-Token', ana.csrf)
        .send({ diagnoses: ['S82.61XA'] });
      expect(before.status).toBe(201);
      const { examId } = (await start(ana, assignmentId)).body;
      expect(
        (await save(ana, examId, ANKLE, { ...keyOf(scenario(ANKLE)), flagged: true, timeSpentMs: 90_000 }))
          .status,
      ).toBe(204);
      const status = await ana.agent.get(`/api/exams/${examId}`);
      expect(status.body).toMatchObject({
        status: 'in-progress',
        timeLeftMs: 60 * MINUTE,
        scenarios: [
          { id: ANKLE, answered: true, flagged: true },
          { id: HIDDEN, answered: false, flagged: false },
        ],
        answers: [
          {
            scenarioId: ANKLE,
            diagnoses: keyOf(scenario(ANKLE)).diagnoses,
            flagged: true,
            timeSpentMs: 90_000,
          },
        ],
      });
      const text = JSON.stringify(status.body);
      for (const word of ['score', 'findings', 'rationale', 'claimReady']) expect(text).not.toContain(word);
      expect((await ana.agent.get(`/api/exams/${examId}/report`)).status).toBe(409);
      // A cookie session reads the exams under way with the session; an API token reads them apart.
      const bearer = `Bearer ${(await t.accounts.createApiToken(ana.id, 'tests')).token}`;
      for (const call of [
        ana.agent.get(`/scenarios/${ANKLE}`),
        ana.agent
          .post(`/api/scenarios/${ANKLE}/attempts`)
          .set('X-CSRF-Token', ana.csrf)
          .send({ diagnoses: ['S82.61XA'] }),
        request(t.app)
          .post(`/api/scenarios/${ANKLE}/attempts`)
          .set('Authorization', bearer)
          .send({ diagnoses: ['S82.61XA'] }),
        request(t.app).get(`/api/attempts/${before.body.attemptId}`).set('Authorization', bearer),
        ana.agent
          .post(`/api/scenarios/${ANKLE}/grade`)
          .set('X-CSRF-Token', ana.csrf)
          .send({ diagnoses: ['S82.61XA'] }),
        ana.agent.get(`/attempts/${before.body.attemptId}`),
        ana.agent.get(`/api/attempts/${before.body.attemptId}`),
      ]) {
        const res = await call;
        expect(res.status).toBe(409);
      }
      // Ben is not in an exam: the ankle scenario is his to practise.
      expect((await ben.agent.get(`/scenarios/${ANKLE}`)).status).toBe(200);
    });

    it.each([
      ['a scenario outside the exam', ANKLE.replace('ankle', 'wrist'), { diagnoses: [] }, 404],
      ['a body of the wrong shape', ANKLE, { diagnoses: 'S82.61XA' }, 400],
      ['a flag that is not true or false', ANKLE, { diagnoses: [], flagged: 'yes' }, 400],
      ['a negative time', ANKLE, { diagnoses: [], timeSpentMs: -5 }, 400],
    ])('refuses %s', async (_what, scenarioId, body, status) => {
      at('2026-03-02T10:00:00Z');
      const { examId } = (await start(ana, assignmentId)).body;
      expect((await save(ana, examId, scenarioId, body)).status).toBe(status);
    });

    it("keeps each trainee's exam to them; the class's trainer may read it, not write it", async () => {
      at('2026-03-02T10:00:00Z');
      const { examId } = (await start(ana, assignmentId)).body;
      expect((await ben.agent.get(`/api/exams/${examId}`)).status).toBe(404);
      expect((await save(ben, examId, ANKLE, { diagnoses: ['I10'] })).status).toBe(404);
      expect((await submit(ben, examId)).status).toBe(404);
      expect((await ben.agent.get(`/exams/${examId}`)).status).toBe(404);
      expect((await trainer.agent.get(`/api/exams/${examId}`)).status).toBe(200);
      expect(
        (await save({ ...trainer, id: trainer.userId }, examId, ANKLE, { diagnoses: ['I10'] })).status,
      ).toBe(404);
      const other = await signedInAgent(t, 'Other Trainer', 'trainer');
      expect((await other.agent.get(`/api/exams/${examId}`)).status).toBe(404);
      expect((await other.agent.get(`/api/assignments/${assignmentId}`)).status).toBe(404);
    });

    it('is submitted by the server when its time is up: later answers are refused, earlier ones graded', async () => {
      at('2026-03-02T10:00:00Z');
      const { examId } = (await start(ana, assignmentId)).body;
      expect((await save(ana, examId, ANKLE, keyOf(scenario(ANKLE)))).status).toBe(204);
      later(60 * MINUTE);
      const late = await save(ana, examId, HIDDEN, keyOf(scenario(HIDDEN)));
      expect(late.status).toBe(409);
      expect(late.body.error.message).toBe(
        'this exam ended at 2026-03-02T11:00:00.000Z; answers sent after the end are not accepted (what you saved before is kept)',
      );
      const status = (await ana.agent.get(`/api/exams/${examId}`)).body;
      expect(status).toMatchObject({
        status: 'submitted',
        submittedBy: 'time',
        submittedAt: '2026-03-02T11:00:00.000Z',
      });
      const report = (await ana.agent.get(`/api/exams/${examId}/report`)).body;
      expect(
        report.scenarios.map((s: { scenarioId: string; percent: number }) => [s.scenarioId, s.percent]),
      ).toEqual([
        [ANKLE, 100],
        [HIDDEN, 0],
      ]);
      expect(report.passed).toBe(false);
      // The practice lock is lifted.
      expect((await ana.agent.get(`/scenarios/${ANKLE}`)).status).toBe(200);
    });

    it('gives the score report on submission: overall, per scenario, per section and by kind', async () => {
      at('2026-03-02T10:00:00Z');
      const { examId } = (await start(ana, assignmentId)).body;
      await save(ana, examId, ANKLE, { ...keyOf(scenario(ANKLE)), timeSpentMs: 120_000 });
      await save(ana, examId, HIDDEN, keyOf(scenario(HIDDEN)));
      later(20 * MINUTE);
      const res = await submit(ana, examId);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        examId,
        submittedBy: 'trainee',
        submittedAt: '2026-03-02T10:20:00.000Z',
        score: { percent: 100 },
        passed: true,
        assignment: { title: 'Mock CPC', passPercent: 70 },
      });
      expect(res.body.scenarios[0]).toMatchObject({ scenarioId: ANKLE, percent: 100, timeSpentMs: 120_000 });
      expect(res.body.sections.map((s: { section: string }) => s.section)).toEqual([
        'Diagnoses',
        'Procedures',
        'Modifiers and units',
        'Sequencing',
      ]);
      expect(res.body.sections.every((s: { right: number; total: number }) => s.right === s.total)).toBe(
        true,
      );
      expect(res.body.kinds).toEqual([]);
      // Submitting again changes nothing; the graded attempts are stored once.
      expect((await submit(ana, examId)).body.score).toEqual(res.body.score);
      const attempts = await t.store.listAttempts(ana.id, { limit: 10, examId });
      expect(attempts.attempts).toHaveLength(2);
      // Each scenario's explained results, and the report page.
      const results = await ana.agent.get(`/exams/${examId}/results/${HIDDEN}`);
      expect(results.status).toBe(200);
      expect(results.text).toContain('What the grader found');
      expect((await ana.agent.get(`/exams/${examId}/report`)).text).toContain('Passed');
      expect((await trainer.agent.get(`/exams/${examId}/report`)).text).toContain('Ana Ruiz');
    });

    it('allows one sitting unless the trainer allows a retake', async () => {
      at('2026-03-02T10:00:00Z');
      const { examId } = (await start(ana, assignmentId)).body;
      const retake = () =>
        trainer.agent
          .post(`/api/assignments/${assignmentId}/retakes`)
          .set('X-CSRF-Token', trainer.csrf)
          .send({ userId: ana.id });
      expect((await retake()).status).toBe(409);
      await submit(ana, examId);
      const again = await start(ana, assignmentId);
      expect(again.status).toBe(409);
      expect(again.body.error.message).toBe('you have taken this exam; a trainer can allow a retake');
      expect(
        (
          await ana.agent
            .post(`/api/assignments/${assignmentId}/retakes`)
            .set('X-CSRF-Token', ana.csrf)
            .send({ userId: ana.id })
        ).status,
      ).toBe(403);
      expect((await retake()).status).toBe(200);
      const second = await start(ana, assignmentId);
      expect(second.status).toBe(200);
      expect(second.body.examId).not.toBe(examId);
      expect((await t.store.getExam(second.body.examId))?.sitting).toBe(2);
    });

    it("shows the trainer every trainee's standing and the class summary", async () => {
      at('2026-03-02T10:00:00Z');
      const a = (await start(ana, assignmentId)).body.examId;
      const b = (await start(ben, assignmentId)).body.examId;
      await save(ana, a, ANKLE, keyOf(scenario(ANKLE)));
      await save(ana, a, HIDDEN, keyOf(scenario(HIDDEN)));
      await submit(ana, a);
      await save(ben, b, ANKLE, { diagnoses: ['R69'] });
      later(61 * MINUTE);
      const res = await trainer.agent.get(`/api/assignments/${assignmentId}`);
      expect(res.body.trainees).toEqual([
        expect.objectContaining({ username: 'Ana Ruiz', status: 'done', passed: true }),
        expect.objectContaining({ username: 'Ben Ode', status: 'done', passed: false }),
      ]);
      expect(res.body.summary).toMatchObject({ taken: 2, passRate: 50 });
      expect(res.body.summary.hardest).toEqual([
        expect.objectContaining({ meanPercent: 50, trainees: 2 }),
        expect.objectContaining({ meanPercent: 50, trainees: 2 }),
      ]);
      const page = await trainer.agent.get(`/assignments/${assignmentId}`);
      expect(page.text).toContain('pass rate 50%');
      expect(page.text).toContain('Allow a retake');
    });

    it('works without JavaScript: the form saves, moves between scenarios, keeps the flag and submits', async () => {
      at('2026-03-02T10:00:00Z');
      const started = await ana.agent
        .post(`/assignments/${assignmentId}/start`)
        .type('form')
        .send({ _csrf: ana.csrf });
      expect(started.status).toBe(303);
      const examId = started.headers.location.replace('/exams/', '');
      const page = await ana.agent.get(`/exams/${examId}/scenarios/${ANKLE}`);
      expect(page.text).toContain('role="timer"');
      expect(page.text).not.toContain('What the grader found');
      const openedAt = /name="openedAt" value="([^"]+)"/.exec(page.text)?.[1];
      later(3 * MINUTE);
      const saved = await ana.agent
        .post(`/exams/${examId}/scenarios/${ANKLE}`)
        .type('form')
        .send({
          _csrf: ana.csrf,
          diagnoses: ['S82.61XA', ''],
          procCode: ['27786', ''],
          procModifiers: ['RT', ''],
          procUnits: ['1', '1'],
          flagged: 'on',
          timeSpentMs: '0',
          openedAt,
          go: HIDDEN,
        });
      expect(saved.status).toBe(303);
      expect(saved.headers.location).toBe(`/exams/${examId}/scenarios/${HIDDEN}`);
      const answer = (await t.store.examAnswers(examId))[0];
      expect(answer).toMatchObject({
        diagnoses: ['S82.61XA'],
        procedures: ['27786-RT'],
        flagged: true,
        timeSpentMs: 3 * MINUTE,
      });
      const back = await ana.agent.get(`/exams/${examId}/scenarios/${ANKLE}`);
      expect(back.text).toContain('value="S82.61XA"');
      expect(back.text).toContain('value="RT"');
      expect(back.text).toMatch(/id="f-flagged" name="flagged" checked/);
      const overview = await ana.agent.get(`/exams/${examId}`);
      expect(overview.text).toContain('1 scenario(s) not started');
      const done = await ana.agent.post(`/exams/${examId}/submit`).type('form').send({ _csrf: ana.csrf });
      expect(done.headers.location).toBe(`/exams/${examId}/report`);
      const late = await ana.agent
        .post(`/exams/${examId}/scenarios/${ANKLE}`)
        .type('form')
        .send({ _csrf: ana.csrf, diagnoses: ['I10'] });
      expect(late.headers.location).toBe(`/exams/${examId}/report?late=1`);
      expect((await ana.agent.get(late.headers.location)).text).toContain('was not accepted');
      expect((await t.store.examAnswers(examId))[0].diagnoses).toEqual(['S82.61XA']);
    });
  });
});
