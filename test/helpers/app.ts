import type { Server } from 'node:http';
import request from 'supertest';
import { Accounts } from '../../server/accounts/accounts';
import { passwordHasher } from '../../server/accounts/passwords';
import { createApp, type AppDeps } from '../../server/app';
import { LowStore } from '../../server/store/low/low-store';
import type { Role } from '../../server/store/records';
import type { Store } from '../../server/store/store';
import { bundledGlossary, bundledLibrary } from './library';
import { makeTempDir } from './temp-dir';

export const PASSWORD = 'correct horse battery';
export const SECRET = 'test-secret-test-secret-test-secret';

export interface TestApp {
  app: ReturnType<typeof createApp>;
  deps: AppDeps;
  store: Store;
  accounts: Accounts;
  dataDir: string;
  cleanup: () => Promise<void>;
}

/** The real app on a real store (lowdb files in a temporary folder unless a store is given). */
export async function makeTestApp(overrides: Partial<AppDeps> = {}): Promise<TestApp> {
  const { dir, cleanup } = await makeTempDir('handoff-app-');
  const store = overrides.store ?? (await LowStore.open(dir));
  const accounts = overrides.accounts ?? new Accounts(store, passwordHasher, { clock: overrides.clock });
  const deps: AppDeps = {
    scenarios: await bundledLibrary(),
    glossary: await bundledGlossary(),
    store,
    accounts,
    secret: SECRET,
    secureCookies: false,
    logger: { error: () => {} },
    ...overrides,
  };
  return {
    app: createApp(deps),
    deps,
    store,
    accounts,
    dataDir: dir,
    cleanup: async () => {
      await store.close();
      await cleanup();
    },
  };
}

export type Agent = ReturnType<typeof request.agent>;

/** A browser-like agent signed in as a new user (made directly, then signed in through the API). */
export async function signedInAgent(
  target: TestApp,
  username = 'Test Trainee',
  role: Role = 'trainee',
  app: TestApp['app'] | Server = target.app,
): Promise<{ agent: Agent; csrf: string; userId: string }> {
  const user = await target.accounts.createUser(username, PASSWORD, role);
  const agent = request.agent(app);
  const res = await agent.post('/api/auth/login').send({ username, password: PASSWORD });
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${res.text}`);
  return { agent, csrf: res.body.csrfToken as string, userId: user.id };
}

export function csrfFrom(html: string): string {
  const match = /name="_csrf" value="([^"]+)"|<meta name="csrf-token" content="([^"]+)"/.exec(html);
  if (!match) throw new Error('no CSRF token on the page');
  return match[1] ?? match[2];
}
