/**
 * Accounts and sessions over the store: first-run set-up, sign-in, registration by join
 * code, sessions that expire after inactivity and are revoked by sign-out or a password
 * change, reset links, and personal API tokens. The clock is injected, so expiry is
 * tested without waiting.
 */
import { errorMessage } from '../error-message';
import { ConflictError } from '../store/errors';
import type { Role, Session, User } from '../store/records';
import type { SignedInRecord, Store } from '../store/store';
import { AccountError } from './errors';
import { passwordProblem, type PasswordHasher } from './passwords';
import { API_TOKEN_PREFIX, hashSecret, newId, newSecret } from './tokens';
import { cleanUsername, usernameProblem } from './usernames';

export const SESSION_IDLE_MS = 8 * 60 * 60 * 1000;
export const RESET_LINK_MS = 24 * 60 * 60 * 1000;
/** A session's last activity is written at most this often. */
const TOUCH_EVERY_MS = 60 * 1000;

export interface AccountsOptions {
  clock?: () => Date;
  sessionIdleMs?: number;
  /** Where a session's last-use write that failed is reported (it is not the request's error). */
  logger?: { warn(message: string): void };
}

export interface SignedIn {
  user: User;
  session: Session;
  /** The secret for the cookie; only its hash is stored. */
  token: string;
}

export class Accounts {
  private readonly clock: () => Date;
  private readonly idleMs: number;
  /** A hash to verify against when the username is unknown, so both cases take the same time. */
  private decoy?: Promise<string>;
  /** First-run set-up runs one at a time: two browsers cannot both create the first trainer. */
  private setupQueue: Promise<unknown> = Promise.resolve();
  /** Last-use writes under way, by session id (see `touch`). */
  private readonly touching = new Map<string, Promise<void>>();
  private readonly logger?: { warn(message: string): void };

  constructor(
    private readonly store: Store,
    private readonly hasher: PasswordHasher,
    options: AccountsOptions = {},
  ) {
    this.clock = options.clock ?? (() => new Date());
    this.idleMs = options.sessionIdleMs ?? SESSION_IDLE_MS;
    this.logger = options.logger;
  }

  private now(): string {
    return this.clock().toISOString();
  }

  async needsSetup(): Promise<boolean> {
    return (await this.store.countUsers()) === 0;
  }

  private async newUser(rawUsername: string, password: string | null, role: Role): Promise<User> {
    const problem = usernameProblem(rawUsername);
    if (problem) throw new AccountError('invalid-username', problem);
    const username = cleanUsername(rawUsername);
    if (password !== null) {
      const weak = passwordProblem(password, username);
      if (weak) throw new AccountError('invalid-password', weak);
    }
    const passwordHash = password === null ? null : await this.hasher.hash(password);
    try {
      return await this.store.createUser({ username, role, passwordHash, createdAt: this.now() });
    } catch (error) {
      if (error instanceof ConflictError) throw new AccountError('username-taken');
      throw error;
    }
  }

  /** The first trainer, while no account exists; closed afterwards. */
  setUp(username: string, password: string): Promise<SignedIn> {
    const run = this.setupQueue.then(async () => {
      if (!(await this.needsSetup())) throw new AccountError('setup-closed');
      const user = await this.newUser(username, password, 'trainer');
      return this.startSession(user);
    });
    this.setupQueue = run.catch(() => undefined);
    return run;
  }

  /** An account made by a trainer or the CLI (`password` null: the owner sets it through a reset link). */
  createUser(username: string, password: string | null, role: Role): Promise<User> {
    return this.newUser(username, password, role);
  }

  async signIn(username: string, password: string): Promise<SignedIn> {
    const user = await this.store.findUserByUsername(cleanUsername(username));
    if (!user?.passwordHash) {
      // Same work as a wrong password, so the answer time does not tell whether the name exists.
      this.decoy ??= this.hasher.hash(newSecret());
      await this.hasher.verify(await this.decoy, password);
      throw new AccountError('wrong-credentials');
    }
    if (!(await this.hasher.verify(user.passwordHash, password))) throw new AccountError('wrong-credentials');
    return this.startSession(user);
  }

  async startSession(user: User): Promise<SignedIn> {
    const token = newSecret();
    const now = this.now();
    const session: Session = { id: hashSecret(token), userId: user.id, createdAt: now, lastSeenAt: now };
    await this.store.createSession(session);
    return { user, session, token };
  }

  /**
   * The user and session a cookie token names, with the user's exams under way, while the
   * session is live; an idle one is ended here.
   */
  async resolveSession(token: string): Promise<SignedInRecord | undefined> {
    const found = await this.store.getSignedIn(hashSecret(token));
    if (!found) return undefined;
    const { session } = found;
    const now = this.clock().getTime();
    if (now - Date.parse(session.lastSeenAt) > this.idleMs) {
      await this.store.deleteSession(session.id);
      return undefined;
    }
    if (now - Date.parse(session.lastSeenAt) >= TOUCH_EVERY_MS)
      this.touch(session.id, new Date(now).toISOString());
    return found;
  }

  /**
   * Records a session's use without the request waiting for the write: the last use only
   * moves the idle deadline, hours away, and is written at most once a minute, so a write
   * lost in a crash costs at most that minute. A class signed in together reaches that minute
   * together, and each of its requests then waited for a write (a visible share of the p99 at
   * 500 requests a second, docs/performance.md). One write per session at a time: requests
   * arriving meanwhile do not start another.
   */
  private touch(sessionId: string, at: string): void {
    if (this.touching.has(sessionId)) return;
    const write = this.store
      .touchSession(sessionId, at)
      .catch((error: unknown) => this.logger?.warn(`session last use not recorded: ${errorMessage(error)}`))
      .finally(() => this.touching.delete(sessionId));
    this.touching.set(sessionId, write);
  }

  /** Resolves once the last-use writes under way are done (before closing the store). */
  async settled(): Promise<void> {
    await Promise.all(this.touching.values());
  }

  endSession(sessionId: string): Promise<void> {
    return this.store.deleteSession(sessionId);
  }

  /** Signs the user out everywhere but the session kept. */
  endOtherSessions(userId: string, keep?: string): Promise<number> {
    return this.store.deleteSessionsOf(userId, keep);
  }

  /** Sets a new password, revokes every session of the user and starts a fresh one for this browser. */
  async changePassword(user: User, current: string, next: string): Promise<SignedIn> {
    if (!user.passwordHash || !(await this.hasher.verify(user.passwordHash, current)))
      throw new AccountError('wrong-current-password');
    return this.setPassword(user, next);
  }

  async setPassword(user: User, password: string): Promise<SignedIn> {
    const weak = passwordProblem(password, user.username);
    if (weak) throw new AccountError('invalid-password', weak);
    const updated = await this.store.updateUser(user.id, {
      passwordHash: await this.hasher.hash(password),
      passwordChangedAt: this.now(),
    });
    if (!updated) throw new AccountError('user-unknown');
    await this.store.deleteSessionsOf(user.id);
    return this.startSession(updated);
  }

  /** A trainee account in the cohort whose join code is given, signed in. */
  async register(username: string, password: string, joinCode: string): Promise<SignedIn> {
    const cohort = await this.store.findCohortByJoinCode(joinCode.trim().toUpperCase());
    if (!cohort) throw new AccountError('join-code-unknown');
    if (!cohort.registrationOpen) throw new AccountError('registration-closed');
    const user = await this.newUser(username, password, 'trainee');
    await this.store.addMember({ cohortId: cohort.id, userId: user.id, joinedAt: this.now() });
    return this.startSession(user);
  }

  /** A one-time link to set a password, valid for 24 hours; the token is for the link only. */
  async createResetLink(userId: string): Promise<{ token: string; expiresAt: string }> {
    const token = newSecret();
    const createdAt = this.clock();
    const expiresAt = new Date(createdAt.getTime() + RESET_LINK_MS).toISOString();
    await this.store.createReset({
      hash: hashSecret(token),
      userId,
      createdAt: createdAt.toISOString(),
      expiresAt,
    });
    return { token, expiresAt };
  }

  /** Sets the password through a reset link (claiming an unclaimed account), once. */
  /** Whose password a reset link sets, while it can be used. */
  async resetLinkUser(token: string): Promise<User | undefined> {
    const reset = await this.store.findReset(hashSecret(token), this.now());
    return reset && this.store.getUser(reset.userId);
  }

  async useResetLink(token: string, password: string): Promise<SignedIn> {
    const user = await this.resetLinkUser(token);
    if (!user) throw new AccountError('reset-invalid');
    // Checked before the link is spent, so a refused password can be tried again with it.
    const weak = passwordProblem(password, user.username);
    if (weak) throw new AccountError('invalid-password', weak);
    if (!(await this.store.takeReset(hashSecret(token), this.now()))) throw new AccountError('reset-invalid');
    return this.setPassword(user, password);
  }

  async createApiToken(userId: string, label: string): Promise<{ id: string; token: string }> {
    const token = `${API_TOKEN_PREFIX}${newSecret()}`;
    const id = newId(6);
    await this.store.createToken({
      id,
      userId,
      label: label.slice(0, 100),
      hash: hashSecret(token),
      createdAt: this.now(),
    });
    return { id, token };
  }

  async resolveApiToken(token: string): Promise<User | undefined> {
    if (!token.startsWith(API_TOKEN_PREFIX)) return undefined;
    const record = await this.store.findTokenByHash(hashSecret(token));
    return record && this.store.getUser(record.userId);
  }
}
