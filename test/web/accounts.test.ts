/**
 * Accounts on the real app: first run, sign-in and out, sessions that expire and are
 * revoked, registration by join code, reset links, API tokens, and the refusals of each.
 */
import request from 'supertest';
import { csrfFrom, makeTestApp, PASSWORD, signedInAgent, type TestApp } from '../helpers/app';

const HOUR = 3600_000;

/** A clock the test moves by hand. */
function testClock(start = '2026-03-02T09:00:00.000Z') {
  let now = Date.parse(start);
  return { clock: () => new Date(now), advance: (ms: number) => (now += ms) };
}

describe('accounts', () => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.cleanup();
    t = undefined;
  });

  describe('first run', () => {
    it('leads every page to /setup while no account exists, and the API says so', async () => {
      t = await makeTestApp();
      for (const url of ['/', '/progress', '/signin', '/cohorts', '/scenarios/ed-ankle-fracture-ladder']) {
        const res = await request(t.app).get(url);
        expect({ url, status: res.status, location: res.headers.location }).toEqual({
          url,
          status: 303,
          location: '/setup',
        });
      }
      const api = await request(t.app).get('/api/attempts');
      expect(api.status).toBe(409);
      expect(api.body.error.message).toMatch(/not set up yet/);
      expect((await request(t.app).get('/healthz')).status).toBe(200);
    });

    it('creates the first trainer, signs them in, and closes /setup', async () => {
      t = await makeTestApp();
      const agent = request.agent(t.app);
      const csrf = csrfFrom((await agent.get('/setup')).text);
      const made = await agent
        .post('/setup')
        .type('form')
        .send({ _csrf: csrf, username: 'Dana Whitfield', password: PASSWORD });
      expect(made.status).toBe(303);
      expect((await agent.get('/api/session')).body.user).toMatchObject({
        username: 'Dana Whitfield',
        role: 'trainer',
      });
      expect((await agent.get('/setup')).headers.location).toBe('/signin');
      const again = await request
        .agent(t.app)
        .post('/setup')
        .type('form')
        .send({ _csrf: csrf, username: 'Eve', password: PASSWORD });
      expect(again.status).toBe(403);
      expect(await t.store.countUsers()).toBe(1);
    });

    it.each([
      ['a short password', { username: 'Dana', password: 'short1' }, /at least 10 characters/],
      ['a common password', { username: 'Dana', password: 'password123' }, /most common/],
      [
        'a password containing the username',
        { username: 'Dana', password: 'dana-is-my-name' },
        /must not contain the username/,
      ],
      [
        'a username with a zero-width space',
        { username: 'Da\u200bna', password: PASSWORD },
        /invisible or formatting characters/,
      ],
      [
        'a username with a bidi control',
        { username: 'Dana\u202e', password: PASSWORD },
        /invisible or formatting characters/,
      ],
      ['an empty username', { username: '  ', password: PASSWORD }, /at least 2 characters/],
    ])('refuses %s with 400 and says why beside the field', async (_name, fields, message) => {
      t = await makeTestApp();
      const agent = request.agent(t.app);
      const csrf = csrfFrom((await agent.get('/setup')).text);
      const res = await agent
        .post('/setup')
        .type('form')
        .send({ _csrf: csrf, ...fields });
      expect(res.status).toBe(400);
      expect(res.text).toMatch(message);
      expect(res.text).toContain('aria-invalid="true"');
      expect(await t.store.countUsers()).toBe(0);
    });
  });

  describe('signing in', () => {
    it('signs in by page and by API, answers the session, and signs out (the old cookie then fails)', async () => {
      t = await makeTestApp();
      await t.accounts.createUser('Ana Ruiz', PASSWORD, 'trainee');
      const agent = request.agent(t.app);
      const csrf = csrfFrom((await agent.get('/signin')).text);
      const page = await agent
        .post('/signin')
        .type('form')
        .send({ _csrf: csrf, username: 'ana ruiz', password: PASSWORD, next: '/progress' });
      expect(page.headers.location).toBe('/progress');
      const cookie = String(page.headers['set-cookie']).match(/handoff_session=[^;]+/)?.[0] as string;
      expect(cookie).toBeDefined();
      const session = await agent.get('/api/session');
      expect(session.body.user).toMatchObject({ username: 'Ana Ruiz', role: 'trainee' });
      await agent.post('/api/auth/logout').set('X-CSRF-Token', session.body.csrfToken).expect(204);
      expect((await request(t.app).get('/api/session').set('Cookie', cookie)).status).toBe(401);
      const api = await request(t.app)
        .post('/api/auth/login')
        .send({ username: 'Ana Ruiz', password: PASSWORD });
      expect(api.status).toBe(200);
      expect(api.body).toEqual({
        user: { id: expect.any(String), username: 'Ana Ruiz', role: 'trainee' },
        csrfToken: expect.any(String),
      });
      expect(String(api.headers['set-cookie'])).toMatch(
        /handoff_session=s%3A[^;]+; Path=\/; HttpOnly; SameSite=Lax/,
      );
    });

    it.each([
      ['a wrong password', 'Ana Ruiz', 'wrong password!'],
      ['an unknown username', 'Nobody Here', PASSWORD],
    ])('answers %s with 401 and the same message', async (_name, username, password) => {
      t = await makeTestApp();
      await t.accounts.createUser('Ana Ruiz', PASSWORD, 'trainee');
      const res = await request(t.app).post('/api/auth/login').send({ username, password });
      expect(res.status).toBe(401);
      expect(res.body.error.message).toBe('The username or password is not right.');
    });

    it('does not let an unclaimed account (no password yet) sign in', async () => {
      t = await makeTestApp();
      await t.accounts.createUser('Cora', null, 'trainee');
      await t.accounts.createUser('Teacher', PASSWORD, 'trainer');
      expect(
        (await request(t.app).post('/api/auth/login').send({ username: 'Cora', password: '' })).status,
      ).toBe(401);
    });

    it('limits failed sign-ins per username and per address: 429 with the wait', async () => {
      t = await makeTestApp({ limits: { signInFailures: 3 } });
      await t.accounts.createUser('Ana Ruiz', PASSWORD, 'trainee');
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++)
        statuses.push(
          (
            await request(t.app)
              .post('/api/auth/login')
              .send({ username: 'Ana Ruiz', password: 'nope nope nope' })
          ).status,
        );
      expect(statuses).toEqual([401, 401, 401, 429]);
      const limited = await request(t.app)
        .post('/api/auth/login')
        .send({ username: 'ana ruiz', password: PASSWORD });
      expect(limited.status).toBe(429);
      expect(limited.body.error.message).toMatch(/too many failed sign-ins; try again in \d+ minutes/);
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(60);
    });

    it('counts only failures: successful sign-ins do not use up the allowance', async () => {
      t = await makeTestApp({ limits: { signInFailures: 2 } });
      await t.accounts.createUser('Ana Ruiz', PASSWORD, 'trainee');
      for (let i = 0; i < 5; i++)
        expect(
          (await request(t.app).post('/api/auth/login').send({ username: 'Ana Ruiz', password: PASSWORD }))
            .status,
        ).toBe(200);
    });

    it('ends a session after eight idle hours, and keeps one in use', async () => {
      const time = testClock();
      t = await makeTestApp({ clock: time.clock });
      const { agent } = await signedInAgent(t);
      time.advance(7 * HOUR);
      expect((await agent.get('/api/session')).status).toBe(200);
      await t.accounts.settled(); // the use is recorded after the answer
      time.advance(7 * HOUR);
      expect((await agent.get('/api/session')).status).toBe(200);
      await t.accounts.settled();
      time.advance(8 * HOUR + 60_000);
      expect((await agent.get('/api/session')).status).toBe(401);
      expect((await agent.get('/progress')).headers.location).toBe('/signin?next=%2Fprogress');
    });

    it('refuses a cookie this server did not sign', async () => {
      t = await makeTestApp();
      await t.accounts.createUser('Teacher', PASSWORD, 'trainer');
      expect(
        (await request(t.app).get('/api/session').set('Cookie', 'handoff_session=s%3Aforged.value')).status,
      ).toBe(401);
    });
  });

  describe('CSRF', () => {
    it.each([
      ['no token', undefined],
      ['a wrong token', 'forged'],
      ['a token with a non-ASCII character', 'tök'.padEnd(43, 'x')],
      ['a token of the right length with a multi-byte character', `${'x'.repeat(42)}é`],
    ])('refuses a state change with %s: 403, never 500', async (_name, token) => {
      t = await makeTestApp();
      const { agent } = await signedInAgent(t);
      const req = agent.post('/api/scenarios/ed-ankle-fracture-ladder/attempts');
      if (token !== undefined) req.set('X-CSRF-Token', token);
      const res = await req.send({ diagnoses: ['S82.61XA'] });
      expect(res.status).toBe(403);
      expect(res.body.error.message).toMatch(/CSRF token/);
    });

    it('refuses a signed-out form post with a non-ASCII token with 403', async () => {
      t = await makeTestApp();
      await t.accounts.createUser('Teacher', PASSWORD, 'trainer');
      const res = await request(t.app)
        .post('/signin')
        .type('form')
        .send({ _csrf: 'ünïcödé', username: 'Teacher', password: PASSWORD });
      expect(res.status).toBe(403);
    });
  });

  describe('the account page', () => {
    it('changes the password: every other session ends, this browser stays signed in', async () => {
      t = await makeTestApp();
      const first = await signedInAgent(t, 'Ana Ruiz');
      const second = request.agent(t.app);
      await second.post('/api/auth/login').send({ username: 'Ana Ruiz', password: PASSWORD }).expect(200);
      const page = await first.agent.get('/account');
      const res = await first.agent
        .post('/account/password')
        .type('form')
        .send({ _csrf: csrfFrom(page.text), current: PASSWORD, password: 'a brand new passphrase' });
      expect(res.headers.location).toBe('/account?changed=1');
      expect((await first.agent.get('/api/session')).status).toBe(200);
      expect((await second.get('/api/session')).status).toBe(401);
      expect(
        (await request(t.app).post('/api/auth/login').send({ username: 'Ana Ruiz', password: PASSWORD }))
          .status,
      ).toBe(401);
      expect(
        (
          await request(t.app)
            .post('/api/auth/login')
            .send({ username: 'Ana Ruiz', password: 'a brand new passphrase' })
        ).status,
      ).toBe(200);
    });

    it('refuses a wrong current password and says so', async () => {
      t = await makeTestApp();
      const { agent } = await signedInAgent(t);
      const page = await agent.get('/account');
      const res = await agent
        .post('/account/password')
        .type('form')
        .send({ _csrf: csrfFrom(page.text), current: 'not it at all', password: 'a brand new passphrase' });
      expect(res.status).toBe(400);
      expect(res.text).toContain('Your current password is not right.');
    });

    it('signs out everywhere', async () => {
      t = await makeTestApp();
      const first = await signedInAgent(t, 'Ana Ruiz');
      const second = request.agent(t.app);
      await second.post('/api/auth/login').send({ username: 'Ana Ruiz', password: PASSWORD }).expect(200);
      const page = await first.agent.get('/account');
      await first.agent
        .post('/account/signout-everywhere')
        .type('form')
        .send({ _csrf: csrfFrom(page.text) })
        .expect(303);
      expect((await first.agent.get('/api/session')).status).toBe(401);
      expect((await second.get('/api/session')).status).toBe(401);
    });
  });

  describe('registration with a join code', () => {
    const cohort = {
      id: 'cohort00001',
      name: 'Spring CPC',
      joinCode: 'K7PQ2M9X',
      registrationOpen: true,
      trainerIds: [],
      createdAt: '2026-03-01T00:00:00.000Z',
    };

    it('makes a trainee in that cohort, signed in', async () => {
      t = await makeTestApp();
      await t.accounts.createUser('Teacher', PASSWORD, 'trainer');
      await t.store.createCohort(cohort);
      const res = await request(t.app)
        .post('/api/auth/register')
        .send({ username: 'Ben Ode', password: PASSWORD, joinCode: 'k7pq2m9x' });
      expect(res.status).toBe(201);
      expect(res.body.user).toMatchObject({ username: 'Ben Ode', role: 'trainee' });
      expect((await t.store.membersOf(cohort.id)).map((m) => m.userId)).toEqual([res.body.user.id]);
    });

    it.each([
      ['an unknown join code', { joinCode: 'NOPE0000' }, false, 400, /does not open any class/],
      ['a closed class', {}, true, 403, /not taking new trainees/],
      ['a taken username', { username: 'teacher' }, false, 409, /taken/],
    ])('refuses %s', async (_name, change, closed, status, message) => {
      t = await makeTestApp();
      await t.accounts.createUser('Teacher', PASSWORD, 'trainer');
      await t.store.createCohort({ ...cohort, registrationOpen: !closed });
      const res = await request(t.app)
        .post('/api/auth/register')
        .send({ username: 'Ben Ode', password: PASSWORD, joinCode: cohort.joinCode, ...change });
      expect(res.status).toBe(status);
      expect(res.body.error.message).toMatch(message);
    });

    it('takes the form on the page too', async () => {
      t = await makeTestApp();
      await t.accounts.createUser('Teacher', PASSWORD, 'trainer');
      await t.store.createCohort(cohort);
      const agent = request.agent(t.app);
      const page = await agent.get(`/register?code=${cohort.joinCode}`);
      expect(page.text).toContain(`value="${cohort.joinCode}"`);
      const res = await agent
        .post('/register')
        .type('form')
        .send({
          _csrf: csrfFrom(page.text),
          joinCode: cohort.joinCode,
          username: 'Ben Ode',
          password: PASSWORD,
        });
      expect(res.headers.location).toBe('/');
    });
  });

  describe('reset links', () => {
    it('claims an account of the name-only version once, keeping its id, and the link then fails', async () => {
      const time = testClock();
      t = await makeTestApp({ clock: time.clock });
      await t.accounts.createUser('Teacher', PASSWORD, 'trainer');
      const cora = await t.accounts.createUser('Cora', null, 'trainee');
      const { token } = await t.accounts.createResetLink(cora.id);
      const agent = request.agent(t.app);
      const page = await agent.get(`/reset/${token}`);
      expect(page.text).toContain('Claim your account');
      const weak = await agent
        .post(`/reset/${token}`)
        .type('form')
        .send({ _csrf: csrfFrom(page.text), password: 'short' });
      expect(weak.status).toBe(400);
      const done = await agent
        .post(`/reset/${token}`)
        .type('form')
        .send({ _csrf: csrfFrom(page.text), password: 'my own long password' });
      expect(done.headers.location).toBe('/');
      expect((await agent.get('/api/session')).body.user.id).toBe(cora.id);
      expect((await request(t.app).get(`/reset/${token}`)).status).toBe(400);
    });

    it('expires after 24 hours', async () => {
      const time = testClock();
      t = await makeTestApp({ clock: time.clock });
      const ana = await t.accounts.createUser('Ana Ruiz', PASSWORD, 'trainee');
      const { token } = await t.accounts.createResetLink(ana.id);
      time.advance(24 * HOUR + 1000);
      expect((await request(t.app).get(`/reset/${token}`)).text).toContain('This link is not valid');
    });
  });

  describe('API tokens', () => {
    it('act with the owner’s rights on /api/ without a CSRF token, and stop when revoked', async () => {
      t = await makeTestApp();
      const ana = await t.accounts.createUser('Ana Ruiz', PASSWORD, 'trainee');
      const { id, token } = await t.accounts.createApiToken(ana.id, 'lms');
      const bearer = `Bearer ${token}`;
      expect((await request(t.app).get('/api/session').set('Authorization', bearer)).body.user.username).toBe(
        'Ana Ruiz',
      );
      const stored = await request(t.app)
        .post('/api/scenarios/ed-ankle-fracture-ladder/attempts')
        .set('Authorization', bearer)
        .send({ diagnoses: ['S82.61XA'] });
      expect(stored.status).toBe(201);
      expect((await request(t.app).get('/api/cohorts/x/report').set('Authorization', bearer)).status).toBe(
        403,
      );
      await t.store.deleteToken(ana.id, id);
      const revoked = await request(t.app).get('/api/session').set('Authorization', bearer);
      expect(revoked.status).toBe(401);
      expect(revoked.body.error.message).toMatch(/API token is not valid/);
    });
  });
});
