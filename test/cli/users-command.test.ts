import { passwordHasher } from '../../server/accounts/passwords';
import { usersCommand } from '../../server/cli/users-command';
import { LowStore } from '../../server/store/low/low-store';
import { captureIO } from '../helpers/capture-io';
import { freshTempDirEachTest } from '../helpers/temp-dir';

describe('npm run users', () => {
  const temp = freshTempDirEachTest('handoff-users-');
  const run = async (args: string[], stdin = '', answer?: string) => {
    const io = captureIO(temp.dir, { DATA_DIR: temp.dir });
    io.readStdin = async () => stdin;
    if (answer !== undefined) io.prompt = async () => answer;
    const code = await usersCommand(args, io);
    return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
  };
  const store = () => LowStore.open(temp.dir);

  it('adds a trainer with a password from standard input, who can then sign in', async () => {
    expect(
      await run(
        ['add', 'Dana Whitfield', '--role', 'trainer', '--password-stdin'],
        'a long enough passphrase\n',
      ),
    ).toMatchObject({ code: 0, out: 'added trainer Dana Whitfield' });
    const s = await store();
    const user = await s.findUserByUsername('dana whitfield');
    expect(await passwordHasher.verify(user?.passwordHash as string, 'a long enough passphrase')).toBe(true);
    await s.close();
  });

  it('adds a trainee to a class without a password, printing the link that sets it', async () => {
    const s = await store();
    await s.createCohort({
      id: 'cohort00001',
      name: 'Spring CPC',
      joinCode: 'K7PQ2M9X',
      registrationOpen: true,
      trainerIds: [],
      createdAt: '2026-03-01T00:00:00.000Z',
    });
    await s.close();
    const added = await run(['add', 'Ben Ode', '--role', 'trainee', '--cohort', 'k7pq2m9x']);
    expect(added.code).toBe(0);
    expect(added.out).toMatch(
      /^added trainee Ben Ode to Spring CPC\nno password yet: open \/reset\/[A-Za-z0-9_-]{43} on this Handoff's address/,
    );
    const listed = await run(['list']);
    expect(listed.out).toMatch(/Ben Ode\s+trainee\s+unclaimed\s+Spring CPC/);
  });

  it('sets a password (signing every session out), and removes a user only when confirmed', async () => {
    await run(['add', 'Ana Ruiz', '--role', 'trainee', '--password-stdin'], 'first long password\n');
    let s = await store();
    const ana = await s.findUserByUsername('Ana Ruiz');
    await s.createSession({
      id: '1'.repeat(64),
      userId: ana?.id as string,
      createdAt: '2026-03-01T00:00:00.000Z',
      lastSeenAt: '2026-03-01T00:00:00.000Z',
    });
    await s.close();
    expect((await run(['set-password', 'Ana Ruiz'], '', 'second long password')).code).toBe(0);
    s = await store();
    expect(await s.getSession('1'.repeat(64))).toBeUndefined();
    await s.close();
    expect(await run(['remove', 'Ana Ruiz'], '', 'no')).toMatchObject({ code: 1, err: 'not removed' });
    expect((await run(['remove', 'Ana Ruiz', '--yes'])).out).toBe('removed Ana Ruiz');
    expect((await run(['list'])).out).not.toContain('Ana Ruiz');
  });

  it('makes, lists and revokes API tokens', async () => {
    await run(['add', 'Script', '--role', 'trainee', '--password-stdin'], 'a long enough passphrase\n');
    const made = await run(['token', 'Script', '--label', 'lms']);
    expect(made.out).toMatch(/^hnd_[A-Za-z0-9_-]{43}$/);
    const id = /token ([0-9a-f]{12}) for Script/.exec(made.err)?.[1] as string;
    expect((await run(['tokens', 'Script'])).out).toMatch(new RegExp(`^${id}  created .*  lms$`));
    expect((await run(['revoke-token', 'Script', id])).out).toBe(`revoked token ${id}`);
    expect((await run(['tokens', 'Script'])).out).toBe('Script has no tokens');
  });

  it.each([
    [['add', 'Ana', '--role', 'boss'], /--role must be trainer or trainee/],
    [['add', 'Ana', '--role', 'trainee', '--cohort', 'NOPE'], /no class has the join code NOPE/],
    [['add', 'A\u200bna', '--role', 'trainee'], /invisible or formatting characters/],
    [['set-password', 'Nobody'], /no user is called "Nobody"/],
    [['remove', 'Nobody', '--yes'], /no user is called/],
    [['list', '--verbose'], /unknown option --verbose/],
    [['frobnicate'], /unknown command frobnicate/],
    [[], /no command given/],
  ])('refuses %j with exit code 1 and a message', async (args, message) => {
    const result = await run(args);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(message);
  });

  it('refuses a taken username and a weak password', async () => {
    await run(['add', 'Ana', '--role', 'trainee']);
    expect((await run(['add', 'ANA', '--role', 'trainer'])).err).toMatch(/taken/);
    expect((await run(['add', 'Ben', '--role', 'trainer', '--password-stdin'], 'short\n')).err).toMatch(
      /at least 10 characters/,
    );
  });
});
