/**
 * `npm run users -- <command>`: accounts for administrators and scripts, on the store the
 * configuration names (DATABASE_URL, or the lowdb files in DATA_DIR — safe while the server
 * runs: it reads what the command wrote).
 */
import { Accounts } from '../accounts/accounts';
import { AccountError } from '../accounts/errors';
import { passwordHasher } from '../accounts/passwords';
import { readConfig } from '../config';
import type { Role, User } from '../store/records';
import { openStore } from '../store/open-store';
import type { Store } from '../store/store';
import { parseCommandLine, UsageError } from './args';
import type { CommandIO } from './io';

const USAGE = [
  'usage: npm run users -- add <username> --role trainer|trainee [--cohort <join code>] [--password-stdin]',
  '       npm run users -- list',
  '       npm run users -- set-password <username> [--password-stdin]',
  '       npm run users -- reset-link <username>          a one-time link (24 hours) to set the password',
  '       npm run users -- remove <username> [--yes]      the account and all its work',
  '       npm run users -- token <username> [--label <text>]   a personal API token (Authorization: Bearer …)',
  '       npm run users -- tokens <username>',
  '       npm run users -- revoke-token <username> <token id>',
].join('\n');

const OPTIONS = {
  role: { type: 'string' },
  cohort: { type: 'string' },
  'password-stdin': { type: 'boolean' },
  yes: { type: 'boolean' },
  label: { type: 'string' },
} as const;

async function password(io: CommandIO, fromStdin: boolean, username: string): Promise<string> {
  if (fromStdin) {
    if (!io.readStdin) throw new UsageError('cannot read standard input here');
    return (await io.readStdin()).split(/\r?\n/)[0];
  }
  if (!io.prompt) throw new UsageError('give the password on standard input with --password-stdin');
  const first = await io.prompt(`New password for ${username}: `, true);
  const again = await io.prompt('The same again: ', true);
  if (first !== again) throw new UsageError('the two passwords differ; nothing was changed');
  return first;
}

async function userNamed(store: Store, username: string | undefined): Promise<User> {
  if (!username) throw new UsageError('name the user');
  const user = await store.findUserByUsername(username);
  if (!user) throw new UsageError(`no user is called "${username}"`);
  return user;
}

export async function usersCommand(args: string[], io: CommandIO): Promise<number> {
  let store: Store | undefined;
  try {
    const [verb, ...rest] = args;
    const { values, positionals } = parseCommandLine(rest, OPTIONS);
    const config = readConfig(io.env, io.cwd);
    store = await openStore({
      dataDir: config.dataDir,
      databaseUrl: config.databaseUrl,
      logger: { warn: io.err },
    });
    const accounts = new Accounts(store, passwordHasher);
    const [username, extra] = positionals;
    switch (verb) {
      case 'add': {
        if (values.role !== 'trainer' && values.role !== 'trainee')
          throw new UsageError('--role must be trainer or trainee');
        const cohort = values.cohort
          ? await store.findCohortByJoinCode(values.cohort.trim().toUpperCase())
          : undefined;
        if (values.cohort && !cohort) throw new UsageError(`no class has the join code ${values.cohort}`);
        if (!username) throw new UsageError('name the user');
        const secret = values['password-stdin'] ? await password(io, true, username) : null;
        const user = await accounts.createUser(username, secret, values.role as Role);
        if (cohort)
          await store.addMember({ cohortId: cohort.id, userId: user.id, joinedAt: new Date().toISOString() });
        io.out(`added ${user.role} ${user.username}${cohort ? ` to ${cohort.name}` : ''}`);
        if (!secret) {
          const { token, expiresAt } = await accounts.createResetLink(user.id);
          io.out(
            `no password yet: open /reset/${token} on this Handoff's address to set one (valid until ${expiresAt})`,
          );
        }
        return 0;
      }
      case 'list': {
        const memberships = new Map<string, string[]>();
        for (const cohort of await store.listCohorts())
          for (const m of await store.membersOf(cohort.id))
            memberships.set(m.userId, [...(memberships.get(m.userId) ?? []), cohort.name]);
        io.out(['username'.padEnd(30), 'role'.padEnd(8), 'account'.padEnd(10), 'classes'].join(' '));
        for (const user of await store.listUsers()) {
          io.out(
            [
              user.username.padEnd(30),
              user.role.padEnd(8),
              (user.passwordHash ? 'active' : 'unclaimed').padEnd(10),
              (memberships.get(user.id) ?? []).join(', '),
            ].join(' '),
          );
        }
        return 0;
      }
      case 'set-password': {
        const user = await userNamed(store, username);
        await accounts.setPassword(
          user,
          await password(io, values['password-stdin'] === true, user.username),
        );
        io.out(`password set for ${user.username}; every session of the account was signed out`);
        return 0;
      }
      case 'reset-link': {
        const user = await userNamed(store, username);
        const { token, expiresAt } = await accounts.createResetLink(user.id);
        io.out(`/reset/${token}  (one use, until ${expiresAt}; open it on this Handoff's address)`);
        return 0;
      }
      case 'remove': {
        const user = await userNamed(store, username);
        if (!values.yes) {
          if (!io.prompt) throw new UsageError('add --yes to remove without a question');
          const answer = await io.prompt(
            `Remove ${user.username} and all their attempts? Type the username to confirm: `,
            false,
          );
          if (answer.trim() !== user.username) {
            io.err('not removed');
            return 1;
          }
        }
        await store.deleteUser(user.id);
        io.out(`removed ${user.username}`);
        return 0;
      }
      case 'token': {
        const user = await userNamed(store, username);
        const { id, token } = await accounts.createApiToken(user.id, values.label ?? '');
        io.out(token);
        io.err(
          `token ${id} for ${user.username}: shown only now; revoke it with npm run users -- revoke-token "${user.username}" ${id}`,
        );
        return 0;
      }
      case 'tokens': {
        const user = await userNamed(store, username);
        const tokens = await store.listTokens(user.id);
        if (tokens.length === 0) io.out(`${user.username} has no tokens`);
        for (const t of tokens) io.out(`${t.id}  created ${t.createdAt}  ${t.label}`);
        return 0;
      }
      case 'revoke-token': {
        const user = await userNamed(store, username);
        if (!extra) throw new UsageError('name the token id (npm run users -- tokens <username> lists them)');
        if (!(await store.deleteToken(user.id, extra)))
          throw new UsageError(`${user.username} has no token ${extra}`);
        io.out(`revoked token ${extra}`);
        return 0;
      }
      default:
        throw new UsageError(verb ? `unknown command ${verb}` : 'no command given');
    }
  } catch (error) {
    io.err(`users: ${(error as Error).message}`);
    if (error instanceof UsageError) io.err(USAGE);
    return error instanceof AccountError || error instanceof UsageError ? 1 : 2;
  } finally {
    await store?.close();
  }
}
