import request from 'supertest';
import { makeTestApp, type TestApp } from '../helpers/app';
import { bundledLibrary } from '../helpers/library';

describe('POST /api/scenarios/:id/grade', () => {
  let t: TestApp;
  let bearer: string;
  // Graded as a script would: with an API token (no CSRF token needed).
  const post = (url: string) => request(t.app).post(url).set('Authorization', bearer);
  beforeAll(async () => {
    t = await makeTestApp({ limits: { submissionsPerMinute: 1000 } });
    const user = await t.accounts.createUser('Script User', 'correct horse battery', 'trainee');
    bearer = `Bearer ${(await t.accounts.createApiToken(user.id, 'tests')).token}`;
  });
  afterAll(() => t.cleanup());

  it('needs a signed-in user or a token', async () => {
    expect(
      (await request(t.app).post('/api/scenarios/ed-ankle-fracture-ladder/grade').send({ diagnoses: [] }))
        .status,
    ).toBe(401);
  });

  it('hides an exam-only scenario from a trainee (404)', async () => {
    const id = (await bundledLibrary()).list().find((s) => s.visibility === 'exam')?.id as string;
    expect((await post(`/api/scenarios/${id}/grade`).send({ diagnoses: [] })).status).toBe(404);
  });

  it('grades a submission and returns the result record', async () => {
    const res = await post('/api/scenarios/ed-ankle-fracture-ladder/grade').send({
      diagnoses: ['S82.62XA', 'w11xxxa'],
      procedures: ['99284-25', { code: '29515', modifiers: ['RT'] }],
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      scenarioId: 'ed-ankle-fracture-ladder',
      claimReady: false,
      score: { earned: 4.5, possible: 5, percent: 90 },
    });
    expect(res.body.findings[0]).toMatchObject({
      kind: 'laterality',
      expected: 'S82.61XA',
      submitted: 'S82.62XA',
      severity: 'error',
    });
  });

  it.each([
    [
      'an unknown scenario',
      '/api/scenarios/no-such-case/grade',
      { diagnoses: [] },
      404,
      /scenario "no-such-case" not found/,
    ],
    [
      'a body of the wrong shape',
      '/api/scenarios/ed-ankle-fracture-ladder/grade',
      { diagnoses: 'S82.61XA', extra: 1 },
      400,
      /expected shape/,
    ],
    [
      'a code that is not text',
      '/api/scenarios/ed-ankle-fracture-ladder/grade',
      { diagnoses: [42] },
      400,
      /expected shape/,
    ],
    [
      'too many codes',
      '/api/scenarios/ed-ankle-fracture-ladder/grade',
      { diagnoses: Array(51).fill('I10') },
      400,
      /expected shape/,
    ],
  ])('answers %s with a JSON error', async (_name, url, body, status, message) => {
    const res = await post(url).send(body);
    expect(res.status).toBe(status);
    expect(res.type).toBe('application/json');
    expect(res.body.error.message).toMatch(message);
  });

  it('lists the problems of a body of the wrong shape', async () => {
    const res = await post('/api/scenarios/ed-ankle-fracture-ladder/grade').send({
      diagnoses: ['I10', 7],
      procedures: [{ code: '20610', units: 0 }],
      more: true,
    });
    expect(res.body.error.details).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^diagnoses\[1\]: /),
        expect.stringMatching(/^procedures\[0\]/),
        expect.stringMatching(/more/),
      ]),
    );
  });

  it('answers malformed JSON with 400', async () => {
    const res = await post('/api/scenarios/ed-ankle-fracture-ladder/grade')
      .set('Content-Type', 'application/json')
      .send('{"diagnoses": [');
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/malformed JSON/);
  });

  it('answers a body over the limit with 413', async () => {
    const res = await post('/api/scenarios/ed-ankle-fracture-ladder/grade').send({
      diagnoses: ['x'.repeat(300 * 1024)],
    });
    expect(res.status).toBe(413);
    expect(res.body.error.message).toMatch(/larger than/);
  });

  it('answers a body that is not JSON with 415', async () => {
    const res = await post('/api/scenarios/ed-ankle-fracture-ladder/grade')
      .set('Content-Type', 'text/plain')
      .send('S82.61XA');
    expect(res.status).toBe(415);
  });

  it('stores nothing: grading twice gives the same answer', async () => {
    const body = { diagnoses: ['S82.61XA'], procedures: [] };
    const first = await post('/api/scenarios/ed-ankle-fracture-ladder/grade').send(body);
    const second = await post('/api/scenarios/ed-ankle-fracture-ladder/grade').send(body);
    expect(second.body).toEqual(first.body);
  });
});
