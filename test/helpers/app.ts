import type { Server } from 'node:http';
import request from 'supertest';
import { createApp, type AppDeps, type ScenarioSource } from '../../server/app';
import { AttemptStore } from '../../server/storage/attempts';
import { TraineeStore } from '../../server/storage/trainees';
import { bundledLibrary } from './library';
import { makeTempDir } from './temp-dir';

/** The real app on real lowdb files in a temporary data folder. */
export async function makeTestApp(overrides: Partial<AppDeps> & { scenarios?: ScenarioSource } = {}) {
  const { dir, cleanup } = await makeTempDir('handoff-app-');
  const deps: AppDeps = {
    scenarios: overrides.scenarios ?? (await bundledLibrary()),
    trainees: new TraineeStore(dir),
    attempts: new AttemptStore(dir),
    secret: 'test-secret-test-secret-test-secret',
    logger: { error: () => {} },
    ...overrides,
  };
  return { app: createApp(deps), deps, dataDir: dir, cleanup };
}

/** A browser-like agent: keeps cookies, reads the CSRF token from a page, signs in. */
export async function signedInAgent(app: ReturnType<typeof createApp> | Server, name = 'Test Trainee') {
  const agent = request.agent(app);
  const start = await agent.get('/start');
  await agent.post('/start').type('form').send({ name, _csrf: csrfFrom(start.text), next: '/' }).expect(303);
  const home = await agent.get('/');
  return { agent, csrf: csrfFrom(home.text) };
}

export function csrfFrom(html: string): string {
  const match = /name="_csrf" value="([^"]+)"|<meta name="csrf-token" content="([^"]+)"/.exec(html);
  if (!match) throw new Error('no CSRF token on the page');
  return match[1] ?? match[2];
}
