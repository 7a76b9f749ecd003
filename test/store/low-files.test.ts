/**
 * What only the lowdb backend has: its files. Crash leftovers, damaged files, permissions,
 * failed writes and the data of the name-only version, on real files in a temp folder.
 */
import { constants } from 'node:fs';
import { mkdir, readdir, readFile, readlink, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { AppendLog } from '../../server/store/append-log';
import { DamagedDataError } from '../../server/store/errors';
import { EXTERNAL_CHANGES_MS, LowStore } from '../../server/store/low/low-store';
import { freshTempDirEachTest } from '../helpers/temp-dir';
import { attempt } from './contract';

const ANA = 'trainee0001';
const BEN = 'trainee0002';
const fileOf = (dir: string, userId: string) => path.join(dir, 'attempts', `${userId}.jsonl`);

describe('the lowdb store on its files', () => {
  const temp = freshTempDirEachTest('handoff-low-');

  it('sets aside a cut-off last line, says where, and goes on saving', async () => {
    let store = await LowStore.open(temp.dir);
    await store.addAttempt(attempt('attempt0001', ANA, 's1', 1, 50));
    await store.addAttempt(attempt('attempt0002', ANA, 's1', 2, 60));
    await store.close();
    const whole = await readFile(fileOf(temp.dir, ANA), 'utf8');
    // A crash in the middle of a third save leaves half a line behind.
    await writeFile(fileOf(temp.dir, ANA), `${whole}{"id":"attempt0003","userId":"tra`);
    const warnings: string[] = [];
    store = await LowStore.open(temp.dir, { logger: { warn: (m) => warnings.push(m) } });
    expect((await store.listAttempts(ANA, { limit: 10 })).attempts.map((a) => a.id)).toEqual([
      'attempt0002',
      'attempt0001',
    ]);
    expect(warnings).toEqual([
      expect.stringMatching(
        /^attempts\/trainee0001\.jsonl: line 3 was cut off by a crash before it was saved; its 33 byte\(s\) were set aside in .*\.cut-/,
      ),
    ]);
    await store.addAttempt(attempt('attempt0004', ANA, 's1', 4, 70));
    await store.close();
    store = await LowStore.open(temp.dir);
    expect((await store.listAttempts(ANA, { limit: 10 })).attempts.map((a) => a.id)).toEqual([
      'attempt0004',
      'attempt0002',
      'attempt0001',
    ]);
    expect(await store.health()).toEqual({ status: 'ok', problems: [] });
    await store.close();
  });

  it.each([
    [
      'a line that is not JSON',
      (text: string) => text.replace('"attempt0001"', '"attempt0001'),
      /attempts\/trainee0001\.jsonl, line 1 cannot be used: invalid JSON/,
    ],
    [
      'valid JSON of the wrong shape',
      (text: string) => `{"id": 42}\n${text}`,
      /attempts\/trainee0001\.jsonl, line 1 cannot be used: it does not hold the record Handoff expects \(id: /,
    ],
    [
      'an attempt with a bad date',
      (text: string) => text.replace(/"submittedAt":"[^"]+"/, '"submittedAt":"soon"'),
      /line 1 cannot be used: .*submittedAt/,
    ],
  ])(
    'refuses a file damaged by %s, names it, never writes over it, and serves other users',
    async (_name, damage, message) => {
      let store = await LowStore.open(temp.dir);
      await store.addAttempt(attempt('attempt0001', ANA, 's1', 1, 50));
      await store.addAttempt(attempt('attempt0002', BEN, 's1', 1, 50));
      await store.close();
      const damaged = damage(await readFile(fileOf(temp.dir, ANA), 'utf8'));
      await writeFile(fileOf(temp.dir, ANA), damaged);
      store = await LowStore.open(temp.dir);
      await expect(store.listAttempts(ANA, { limit: 5 })).rejects.toThrow(message);
      await expect(store.addAttempt(attempt('attempt0003', ANA, 's1', 2, 70))).rejects.toBeInstanceOf(
        DamagedDataError,
      );
      expect(await readFile(fileOf(temp.dir, ANA), 'utf8')).toBe(damaged);
      expect((await store.listAttempts(BEN, { limit: 5 })).attempts).toHaveLength(1);
      expect(await store.health()).toMatchObject({
        status: 'damaged',
        problems: [{ where: expect.stringMatching(/^attempts\/trainee0001\.jsonl, line 1$/) }],
      });
      await store.close();
    },
  );

  it.each([
    ['invalid JSON', 'accounts.json', '{"users": [', /accounts\.json cannot be used: invalid JSON/],
    [
      'a record of the wrong shape',
      'accounts.json',
      '{"users": [null], "tokens": [], "resets": []}',
      /accounts\.json cannot be used: it does not hold the data Handoff expects \(users\.0: /,
    ],
    [
      'a sessions file of the wrong shape',
      'sessions.json',
      '{"sessions": "all of them"}',
      /sessions\.json cannot be used/,
    ],
  ])(
    'opens with a document of %s, names it in health and in every use of it, and keeps the rest working',
    async (_name, file, content, message) => {
      await writeFile(path.join(temp.dir, file), content);
      const store = await LowStore.open(temp.dir);
      expect(await store.health()).toMatchObject({
        status: 'damaged',
        problems: [{ where: file, message: expect.stringMatching(message) }],
      });
      const use = file === 'accounts.json' ? store.countUsers() : store.getSession('0'.repeat(64));
      await expect(use).rejects.toThrow(message);
      await store.addAttempt(attempt('attempt0001', ANA, 's1', 1, 50));
      expect((await store.listAttempts(ANA, { limit: 5 })).attempts).toHaveLength(1);
      expect(await readFile(path.join(temp.dir, file), 'utf8')).toBe(content);
      await store.close();
    },
  );

  it('creates its folders and files private to the server (0700, 0600)', async () => {
    const dataDir = path.join(temp.dir, 'data');
    const store = await LowStore.open(dataDir);
    await store.createUser({ username: 'Ana', role: 'trainee', passwordHash: 'h' });
    await store.addAttempt(attempt('attempt0001', ANA, 's1', 1, 50));
    await store.close();
    const mode = async (p: string) => (await stat(p)).mode & 0o777;
    expect([await mode(dataDir), await mode(path.join(dataDir, 'attempts'))]).toEqual([0o700, 0o700]);
    expect([await mode(path.join(dataDir, 'accounts.json')), await mode(fileOf(dataDir, ANA))]).toEqual([
      0o600, 0o600,
    ]);
  });

  it('refuses a change whose file cannot be read or written, and keeps no trace of it', async () => {
    const store = await LowStore.open(temp.dir);
    await store.createUser({ username: 'Ana', role: 'trainee', passwordHash: 'h' });
    // A folder where the file should be: neither reading nor the rename over it can work.
    const accounts = path.join(temp.dir, 'accounts.json');
    const kept = await readFile(accounts, 'utf8');
    await rm(accounts);
    await mkdir(accounts);
    await expect(store.createUser({ username: 'Ben', role: 'trainee', passwordHash: 'h' })).rejects.toThrow();
    await rm(accounts, { recursive: true });
    await writeFile(accounts, kept);
    expect((await store.listUsers()).map((u) => u.username)).toEqual(['Ana']);
    await store.createUser({ username: 'Cara', role: 'trainee', passwordHash: 'h' });
    await store.close();
    const reopened = await LowStore.open(temp.dir);
    expect((await reopened.listUsers()).map((u) => u.username)).toEqual(['Ana', 'Cara']);
    await reopened.close();
  });

  it('sees what another process (the users CLI) wrote within a second, and changes the file as it is on disk', async () => {
    let now = Date.parse('2026-03-01T09:00:00.000Z');
    const server = await LowStore.open(temp.dir, { now: () => new Date(now) });
    await server.createUser({ username: 'Ana', role: 'trainee', passwordHash: 'h' });
    expect(await server.findUserByUsername('Ben')).toBeUndefined();
    const cli = await LowStore.open(temp.dir);
    await cli.createUser({ username: 'Ben', role: 'trainer', passwordHash: 'h' });
    await cli.close();
    // Within the second after the server last looked, the file is not looked at again…
    now += EXTERNAL_CHANGES_MS - 1;
    expect(await server.findUserByUsername('Ben')).toBeUndefined();
    // …and once it has passed, the other process's change is read.
    now += 1;
    expect((await server.findUserByUsername('Ben'))?.role).toBe('trainer');
    await server.createUser({ username: 'Cara', role: 'trainee', passwordHash: 'h' });
    await server.close();
    const reopened = await LowStore.open(temp.dir);
    expect((await reopened.listUsers()).map((u) => u.username)).toEqual(['Ana', 'Ben', 'Cara']);
    await reopened.close();
  });

  it('keeps trainees of the name-only version as unclaimed accounts with their attempts, once', async () => {
    const old = (id: string, n: number) => ({
      id: `old-attempt${n}`,
      traineeId: id,
      scenarioId: 's1',
      submittedAt: `2026-02-0${n}T10:00:00.000Z`,
      submission: { diagnoses: ['E11.9'], procedures: [] },
      result: {
        scenarioId: 's1',
        score: { earned: 1, possible: 2, percent: 50 },
        claimReady: false,
        findings: [],
      },
    });
    const legacyId = 'a1b2c3d4e5f6a7b8';
    await writeFile(
      path.join(temp.dir, 'trainees.json'),
      JSON.stringify({
        trainees: [{ id: legacyId, name: 'Ana Ruiz', createdAt: '2026-01-05T09:00:00.000Z' }],
      }),
    );
    await mkdir(path.join(temp.dir, 'attempts', legacyId), { recursive: true });
    await writeFile(
      path.join(temp.dir, 'attempts', legacyId, '000000.json'),
      JSON.stringify({ attempts: [old(legacyId, 1)] }),
    );
    await writeFile(
      path.join(temp.dir, 'attempts', legacyId, '000001.journal'),
      `${JSON.stringify(old(legacyId, 2))}\n`,
    );
    for (let run = 0; run < 2; run++) {
      const store = await LowStore.open(temp.dir);
      expect(await store.listUsers()).toEqual([
        {
          id: legacyId,
          username: 'Ana Ruiz',
          role: 'trainee',
          passwordHash: null,
          createdAt: '2026-01-05T09:00:00.000Z',
        },
      ]);
      expect((await store.listAttempts(legacyId, { limit: 5 })).attempts.map((a) => a.id)).toEqual([
        'old-attempt2',
        'old-attempt1',
      ]);
      await store.close();
    }
  });
});

describe('AppendLog', () => {
  const temp = freshTempDirEachTest('handoff-log-');

  it('acknowledges lines that arrive together with distinct offsets, in order, all on disk', async () => {
    const file = path.join(temp.dir, 'log.jsonl');
    const log = new AppendLog(file);
    const lines = Array.from({ length: 50 }, (_, i) => JSON.stringify({ n: i, text: 'é'.repeat(i % 3) }));
    const offsets = await Promise.all(lines.map((line) => log.append(line)));
    await log.close();
    const text = await readFile(file, 'utf8');
    expect(text).toBe(`${lines.join('\n')}\n`);
    const bytes = Buffer.from(text);
    offsets.forEach((offset, i) =>
      expect(bytes.toString('utf8', offset, offset + Buffer.byteLength(lines[i]))).toBe(lines[i]),
    );
  });

  // The kernel's own record of how the file is open: the flags line of /proc/self/fdinfo (octal).
  const linuxOnly = process.platform === 'linux' ? it.each : it.skip.each;
  linuxOnly([
    ['a new file', false],
    ['an existing file', true],
  ])(
    'writes %s with synchronous data writes (O_DSYNC), so an acknowledged line is on disk',
    async (_l, exists) => {
      const file = path.join(temp.dir, 'log.jsonl');
      if (exists) await writeFile(file, '{"n":0}\n');
      const log = new AppendLog(file);
      await log.append('{"n":1}');
      const fds = await readdir('/proc/self/fd');
      const targets = await Promise.all(fds.map((fd) => readlink(`/proc/self/fd/${fd}`).catch(() => '')));
      const fd = fds[targets.indexOf(file)];
      expect(fd).toBeDefined();
      const flags = /^flags:\s+([0-7]+)$/m.exec(await readFile(`/proc/self/fdinfo/${fd}`, 'utf8'))?.[1];
      expect(Number.parseInt(flags ?? '0', 8) & constants.O_DSYNC).toBe(constants.O_DSYNC);
      await log.close();
      expect(await readFile(file, 'utf8')).toBe(`${exists ? '{"n":0}\n' : ''}{"n":1}\n`);
    },
  );

  it.each([['a line with a line break', 'a\nb', /cannot contain a line break/]])(
    'refuses %s',
    async (_name, line, message) => {
      const log = new AppendLog(path.join(temp.dir, 'log.jsonl'));
      await expect(log.append(line)).rejects.toThrow(message);
      await log.close();
      await expect(log.append('{}')).rejects.toThrow(/closed/);
    },
  );
});
