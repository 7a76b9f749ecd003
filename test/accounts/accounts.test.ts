/**
 * Accounts over a real store (lowdb files in a temporary folder): a session's last use is
 * written after the request is answered, one write per session at a time, and a failed write
 * is reported without failing the request. The store's last-use writes are held by the test
 * (or made to fail) through a wrapper that otherwise hands every call to the real store.
 */
import { Accounts } from '../../server/accounts/accounts';
import { passwordHasher } from '../../server/accounts/passwords';
import { LowStore } from '../../server/store/low/low-store';
import type { Store } from '../../server/store/store';
import { PASSWORD } from '../helpers/app';
import { freshTempDirEachTest } from '../helpers/temp-dir';

const MINUTE = 60_000;
const temp = freshTempDirEachTest('handoff-accounts-');

/** The real store, its `touchSession` calls counted and held until `release` (failing if told to). */
function holdingTouches(store: Store) {
  const held: Array<() => void> = [];
  let calls = 0;
  let failing = false;
  const wrapped = new Proxy(store, {
    get(target, property) {
      if (property === 'touchSession')
        return async (id: string, at: string) => {
          calls++;
          await new Promise<void>((resolve) => held.push(resolve));
          if (failing) throw new Error('no space left on device');
          return target.touchSession(id, at);
        };
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return {
    store: wrapped,
    calls: () => calls,
    release: () => held.splice(0).forEach((resolve) => resolve()),
    fail: () => (failing = true),
  };
}

async function setUp() {
  const real = await LowStore.open(temp.dir);
  const touches = holdingTouches(real);
  let now = Date.parse('2026-03-02T09:00:00.000Z');
  const warnings: string[] = [];
  const accounts = new Accounts(touches.store, passwordHasher, {
    clock: () => new Date(now),
    logger: { warn: (message) => warnings.push(message) },
  });
  await accounts.createUser('Ana Ruiz', PASSWORD, 'trainee');
  const signedIn = await accounts.signIn('Ana Ruiz', PASSWORD);
  const lastSeen = async () => (await real.getSession(signedIn.session.id))?.lastSeenAt;
  return {
    real,
    touches,
    accounts,
    token: signedIn.token,
    warnings,
    lastSeen,
    advance: (ms: number) => (now += ms),
    /** Lets the held writes go and waits until they are done. */
    settle: async () => {
      touches.release();
      await accounts.settled();
    },
    at: () => new Date(now).toISOString(),
  };
}

describe('Accounts: a session’s last use', () => {
  it('is written after the request is answered, not before', async () => {
    const t = await setUp();
    const signedInAt = await t.lastSeen();
    t.advance(2 * MINUTE);
    // The write is held: resolving the session must not wait for it.
    expect((await t.accounts.resolveSession(t.token))?.user.username).toBe('Ana Ruiz');
    expect(t.touches.calls()).toBe(1);
    expect(await t.lastSeen()).toBe(signedInAt);
    await t.settle();
    expect(await t.lastSeen()).toBe(t.at());
    await t.real.close();
  });

  it('is written once while a write for the session is under way, and again a minute later', async () => {
    const t = await setUp();
    t.advance(2 * MINUTE);
    for (let i = 0; i < 3; i++) expect(await t.accounts.resolveSession(t.token)).toBeDefined();
    expect(t.touches.calls()).toBe(1);
    await t.settle();
    expect(await t.accounts.resolveSession(t.token)).toBeDefined();
    expect(t.touches.calls()).toBe(1);
    t.advance(2 * MINUTE);
    expect(await t.accounts.resolveSession(t.token)).toBeDefined();
    expect(t.touches.calls()).toBe(2);
    await t.settle();
    expect(await t.lastSeen()).toBe(t.at());
    await t.real.close();
  });

  it('is reported when its write fails, the request still answered, and tried again on the next', async () => {
    const t = await setUp();
    const signedInAt = await t.lastSeen();
    t.touches.fail();
    t.advance(2 * MINUTE);
    expect(await t.accounts.resolveSession(t.token)).toBeDefined();
    await t.settle();
    expect(t.warnings).toEqual(['session last use not recorded: no space left on device']);
    expect(await t.lastSeen()).toBe(signedInAt);
    expect(await t.accounts.resolveSession(t.token)).toBeDefined();
    expect(t.touches.calls()).toBe(2);
    await t.settle();
    await t.real.close();
  });
});
