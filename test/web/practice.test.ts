/**
 * Practising on the real app: the form and the API grade and store attempts, results
 * render from the scenario version graded against, each user sees only their own, and a
 * client cannot flood the store.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import request from 'supertest';
import type { ScenarioModel } from '../../server/scenarios/model';
import { LowStore } from '../../server/store/low/low-store';
import { csrfFrom, makeTestApp, signedInAgent, type TestApp } from '../helpers/app';
import { bundledLibrary } from '../helpers/library';

const ANKLE = 'ed-ankle-fracture-ladder';
const PERFECT_ANKLE = { diagnoses: ['S82.61XA', 'W11.XXXA'], procedures: ['99284-25', '29515-RT'] };

describe('practice', () => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.cleanup();
    t = undefined;
  });

  describe('through the form', () => {
    it('grades, stores and shows an attempt: findings, evidence marks and the answer key', async () => {
      t = await makeTestApp();
      const { agent } = await signedInAgent(t);
      const csrf = csrfFrom((await agent.get(`/scenarios/${ANKLE}`)).text);
      const res = await agent
        .post(`/scenarios/${ANKLE}/attempts`)
        .type('form')
        .send(
          `_csrf=${csrf}&diagnoses=S82.62XA&diagnoses=w11xxxa&diagnoses=&procCode=99284&procModifiers=25&procUnits=1&procCode=&procModifiers=&procUnits=1`,
        );
      expect(res.status).toBe(303);
      expect(res.headers.location).toMatch(/^\/attempts\/[0-9a-f]{32}$/);
      const page = await agent.get(res.headers.location);
      expect(page.status).toBe(200);
      expect(page.text).toContain('badge--laterality');
      expect(page.text).toContain('S82.62XA codes the left side; the report documents the right side.');
      // The quote is one mark (the glossary's terms inside it are links to their notes).
      const mark = /<mark class="evidence ev-1[^"]*" id="ev-1" tabindex="-1">(.*?)<\/mark>/.exec(page.text);
      expect(mark?.[1].replace(/<[^>]+>/g, '')).toBe(
        'displaced fracture of the distal right fibula at the lateral malleolus',
      );
      expect(mark?.[1]).toContain('<a class="term" href="#gl-distal" data-term="gl-distal">distal</a>');
      expect(page.text).toContain('href="#ev-1"');
      expect(page.text).toContain('Answer key');
      expect(page.text).toContain(`href="/scenarios/${ANKLE}">Try again`);
    });

    it.each([
      ['a line in the code field', { procCode: '29515-RT', procModifiers: '', procUnits: '1' }, '29515-RT'],
      [
        'units written in the code field',
        { procCode: 'J3301 x4', procModifiers: '', procUnits: '1' },
        'J3301 x4',
      ],
      [
        'modifiers in both fields',
        { procCode: '29515-rt', procModifiers: '76', procUnits: '' },
        '29515-RT-76',
      ],
      [
        'the units field over the code field',
        { procCode: 'J3301 x4', procModifiers: '', procUnits: '2' },
        'J3301 x2',
      ],
    ])('reads %s as coders write it', async (_name, fields, line) => {
      t = await makeTestApp();
      const { agent, userId } = await signedInAgent(t);
      const csrf = csrfFrom((await agent.get(`/scenarios/${ANKLE}`)).text);
      await agent
        .post(`/scenarios/${ANKLE}/attempts`)
        .type('form')
        .send({ _csrf: csrf, diagnoses: 'S82.61XA', ...fields })
        .expect(303);
      const [summary] = (await t.store.listAttempts(userId, { limit: 1 })).attempts;
      expect((await t.store.getAttempt(userId, summary.id))?.submission.procedures).toEqual([line]);
    });

    it('sends a visitor to sign in, and keeps where they were going', async () => {
      t = await makeTestApp();
      await t.accounts.createUser('Teacher', 'correct horse battery', 'trainer');
      expect((await request(t.app).get(`/scenarios/${ANKLE}`)).headers.location).toBe(
        `/signin?next=${encodeURIComponent(`/scenarios/${ANKLE}`)}`,
      );
      expect(
        (await request(t.app).post(`/scenarios/${ANKLE}/attempts`).type('form').send({ diagnoses: 'I10' }))
          .status,
      ).toBe(401);
    });

    it('answers 404 for an unknown scenario, and 413 for an oversized form', async () => {
      t = await makeTestApp();
      const { agent, csrf } = await signedInAgent(t);
      expect((await agent.get('/scenarios/no-such-thing')).status).toBe(404);
      expect(
        (await agent.post('/scenarios/no-such-thing/attempts').type('form').send({ _csrf: csrf })).status,
      ).toBe(404);
      const big = await agent
        .post(`/scenarios/${ANKLE}/attempts`)
        .type('form')
        .send({ _csrf: csrf, diagnoses: 'x'.repeat(300_000) });
      expect(big.status).toBe(413);
    });
  });

  describe('whose attempts', () => {
    it("hides one trainee's attempt from another, and from a visitor", async () => {
      t = await makeTestApp();
      const ana = await signedInAgent(t, 'Ana');
      const res = await ana.agent
        .post(`/api/scenarios/${ANKLE}/attempts`)
        .set('X-CSRF-Token', ana.csrf)
        .send(PERFECT_ANKLE);
      const id = res.body.attemptId as string;
      const ben = await signedInAgent(t, 'Ben');
      expect((await ben.agent.get(`/attempts/${id}`)).status).toBe(404);
      expect((await ben.agent.get(`/api/attempts/${id}`)).status).toBe(404);
      expect((await request(t.app).get(`/api/attempts/${id}`)).status).toBe(401);
      expect((await ana.agent.get(`/api/attempts/${id}`)).body).toMatchObject({
        scenarioId: ANKLE,
        result: { scenarioId: ANKLE, claimReady: true },
        scenarioChanged: false,
      });
      expect((await ben.agent.get('/api/attempts')).body).toEqual({ attempts: [] });
    });
  });

  describe('the API', () => {
    it('stores an attempt and returns the result with its id', async () => {
      t = await makeTestApp();
      const { agent, csrf } = await signedInAgent(t);
      const res = await agent
        .post(`/api/scenarios/${ANKLE}/attempts`)
        .set('X-CSRF-Token', csrf)
        .send(PERFECT_ANKLE);
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        attemptId: expect.stringMatching(/^[0-9a-f]{32}$/),
        scenarioId: ANKLE,
        claimReady: true,
        score: { percent: 100 },
      });
      expect((await agent.get(`/api/attempts/${res.body.attemptId}`)).status).toBe(200);
    });

    it('lists the caller’s attempts newest first, in pages that link to the next', async () => {
      t = await makeTestApp();
      const { agent, csrf } = await signedInAgent(t);
      for (let i = 0; i < 5; i++)
        await agent
          .post(`/api/scenarios/${ANKLE}/attempts`)
          .set('X-CSRF-Token', csrf)
          .send({ diagnoses: [i % 2 ? 'S82.61XA' : 'S82.62XA'] })
          .expect(201);
      const first = await agent.get('/api/attempts?limit=2');
      expect(first.body.attempts).toHaveLength(2);
      expect(first.body.attempts[0]).toEqual({
        id: expect.any(String),
        scenarioId: ANKLE,
        submittedAt: expect.any(String),
        score: expect.any(Object),
        claimReady: false,
      });
      const second = await agent.get(first.body.next);
      const third = await agent.get(second.body.next);
      expect(third.body.next).toBeUndefined();
      const ids = [...first.body.attempts, ...second.body.attempts, ...third.body.attempts].map(
        (a: { id: string }) => a.id,
      );
      expect(new Set(ids).size).toBe(5);
      expect((await agent.get('/api/attempts?limit=0')).status).toBe(400);
      expect((await agent.get('/api/attempts?limit=1000')).status).toBe(400);
    });

    it.each([
      ['no CSRF header', false, { diagnoses: [] }, 403],
      ['a body of the wrong shape', true, { diagnoses: 'I10' }, 400],
    ])('answers %s with a JSON error', async (_name, withToken, body, status) => {
      t = await makeTestApp();
      const { agent, csrf } = await signedInAgent(t);
      const req = agent.post(`/api/scenarios/${ANKLE}/attempts`);
      if (withToken) req.set('X-CSRF-Token', csrf);
      const res = await req.send(body);
      expect(res.status).toBe(status);
      expect(res.type).toBe('application/json');
      expect(res.body.error.message).toEqual(expect.any(String));
    });

    it('answers malformed JSON with 400 and an oversized body with 413', async () => {
      t = await makeTestApp();
      const { agent, csrf } = await signedInAgent(t);
      const bad = await agent
        .post(`/api/scenarios/${ANKLE}/attempts`)
        .set('X-CSRF-Token', csrf)
        .set('Content-Type', 'application/json')
        .send('{"diagnoses":');
      expect(bad.status).toBe(400);
      const big = await agent
        .post(`/api/scenarios/${ANKLE}/attempts`)
        .set('X-CSRF-Token', csrf)
        .send({ diagnoses: ['x'.repeat(300_000)] });
      expect(big.status).toBe(413);
    });

    it('stores every one of many concurrent submissions, as a restarted server reads them', async () => {
      t = await makeTestApp({ limits: { submissionsPerMinute: 1000 } });
      const { agent, csrf, userId } = await signedInAgent(t);
      const responses = await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          agent
            .post(`/api/scenarios/${ANKLE}/attempts`)
            .set('X-CSRF-Token', csrf)
            .send({ diagnoses: [i % 2 ? 'S82.61XA' : 'S82.62XA'] }),
        ),
      );
      expect(responses.every((r) => r.status === 201)).toBe(true);
      const restarted = await LowStore.open(t.dataDir);
      const listed = (await restarted.listAttempts(userId, { limit: 100 })).attempts.map((a) => a.id);
      expect(listed.sort()).toEqual(responses.map((r) => r.body.attemptId as string).sort());
      await restarted.close();
    });

    it('limits how fast one user submits: 429 with Retry-After, and grading without storing too', async () => {
      t = await makeTestApp({ limits: { submissionsPerMinute: 3 } });
      const { agent, csrf } = await signedInAgent(t);
      const statuses = [];
      for (let i = 0; i < 4; i++)
        statuses.push(
          (
            await agent
              .post(`/api/scenarios/${ANKLE}/attempts`)
              .set('X-CSRF-Token', csrf)
              .send({ diagnoses: ['I10'] })
          ).status,
        );
      expect(statuses).toEqual([201, 201, 201, 429]);
      const graded = await agent
        .post(`/api/scenarios/${ANKLE}/grade`)
        .set('X-CSRF-Token', csrf)
        .send({ diagnoses: ['I10'] });
      expect(graded.status).toBe(429);
      expect(graded.body.error.message).toMatch(/too many submissions in a minute; try again in \d+ seconds/);
      expect(Number(graded.headers['retry-after'])).toBeGreaterThan(0);
      // Another trainee is not held back by the first one's limit.
      const other = await signedInAgent(t, 'Ben');
      expect(
        (
          await other.agent
            .post(`/api/scenarios/${ANKLE}/attempts`)
            .set('X-CSRF-Token', other.csrf)
            .send({ diagnoses: ['I10'] })
        ).status,
      ).toBe(201);
    });
  });

  describe('a result after the scenario changed', () => {
    it('renders as it was graded, says the scenario changed and offers the new version', async () => {
      const library = await bundledLibrary();
      const original = library.get(ANKLE) as ScenarioModel;
      let current: ScenarioModel | undefined = original;
      const scenarios = {
        list: () => (current ? [current] : []),
        get: (id: string) => (id === ANKLE ? current : undefined),
        problems: () => [],
      };
      t = await makeTestApp({ scenarios });
      const { agent, csrf } = await signedInAgent(t);
      const res = await agent
        .post(`/api/scenarios/${ANKLE}/attempts`)
        .set('X-CSRF-Token', csrf)
        .send({ diagnoses: ['S82.62XA', 'W11.XXXA'] });
      const before = await agent.get(`/attempts/${res.body.attemptId}`);
      expect(before.text).not.toContain('This scenario has changed');
      // The trainer reorders the answer key and rewrites a rationale.
      const [first, second] = original.answerKey.diagnoses;
      current = {
        ...original,
        answerKey: {
          ...original.answerKey,
          diagnoses: [{ ...first, rationale: 'A new rationale.' }, second].reverse(),
        },
      };
      const after = await agent.get(`/attempts/${res.body.attemptId}`);
      expect(after.text).toContain('This scenario has changed since this attempt');
      expect(after.text).toContain(`href="/scenarios/${ANKLE}">try the new version`);
      // The laterality finding still shows the code's own title and rationale, from the version graded.
      const finding =
        /<article class="finding[^"]*"[^>]*>[\s\S]*?badge--laterality[\s\S]*?<\/article>/.exec(
          after.text,
        )?.[0] ?? '';
      expect(finding).toContain(first.rationale.slice(0, 60).replace(/&/g, '&amp;'));
      expect(finding).not.toContain('A new rationale.');
      current = undefined;
      const gone = await agent.get(`/attempts/${res.body.attemptId}`);
      expect(gone.status).toBe(200);
      expect(gone.text).toContain('the scenario is no longer in the library');
      expect(gone.text).toContain('displaced fracture of the distal right fibula');
    });
  });

  describe('progress', () => {
    it('draws the charts and mastery from running totals, pages the history and streams the CSV', async () => {
      t = await makeTestApp();
      const { agent, csrf } = await signedInAgent(t);
      for (const diagnoses of [['S82.62XA'], ['S82.61XA', 'W11.XXXA'], ['I10']])
        await agent.post(`/api/scenarios/${ANKLE}/attempts`).set('X-CSRF-Token', csrf).send({ diagnoses });
      const page = await agent.get('/progress?limit=2');
      expect(page.text).toMatch(/<svg[^>]+role="img"[^>]+class="line-chart"/);
      expect((page.text.match(/<circle /g) ?? []).length).toBe(3);
      expect(page.text).toContain('Laterality: 1');
      expect(page.text).toMatch(/<th scope="row">Outpatient<\/th><td>1 of \d+<\/td>/);
      expect((page.text.match(/href="\/attempts\//g) ?? []).length).toBe(2);
      const older = /href="(\/progress\?before=[^"#]+)/.exec(page.text)?.[1] as string;
      expect(
        ((await agent.get(older.replace(/&amp;/g, '&'))).text.match(/href="\/attempts\//g) ?? []).length,
      ).toBe(1);
      const csv = await agent.get('/progress.csv');
      expect(csv.type).toBe('text/csv');
      expect(csv.headers['content-disposition']).toContain('handoff-history.csv');
      const lines = csv.text.trim().split('\r\n');
      expect(lines[0]).toBe(
        'attempt,submitted_at,scenario_id,scenario_title,earned,possible,percent,claim_ready,mistakes',
      );
      expect(lines).toHaveLength(4);
      expect(lines[3]).toMatch(
        /^[0-9a-f]{32},.*,ed-ankle-fracture-ladder,Fall from a ladder — ankle injury,.*laterality:1/,
      );
    });

    it('names a damaged data file on the page, keeps it as it is, and reports it in /healthz', async () => {
      t = await makeTestApp();
      const { agent, userId } = await signedInAgent(t, 'Cora');
      const file = path.join(t.dataDir, 'attempts', `${userId}.jsonl`);
      await writeFile(file, '{ broken\n');
      const page = await agent.get('/progress');
      expect(page.status).toBe(500);
      expect(page.text).toContain(`attempts/${userId}.jsonl, line 1`);
      expect(page.text).toContain('invalid JSON');
      expect(page.text).toContain('left as it is');
      const health = await request(t.app).get('/healthz');
      expect(health.status).toBe(200);
      expect(health.body).toMatchObject({
        storage: 'damaged',
        storageProblems: [{ where: `attempts/${userId}.jsonl, line 1` }],
      });
      // Another trainee goes on working.
      const other = await signedInAgent(t, 'Dev');
      expect((await other.agent.get('/progress')).status).toBe(200);
    });
  });
});
