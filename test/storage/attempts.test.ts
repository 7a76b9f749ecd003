import { readdirSync, readlinkSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { AttemptStore, SEGMENT_SIZE } from '../../server/storage/attempts';
import { StorageError } from '../../server/storage/json-file';
import { SegmentFile } from '../../server/storage/segment-file';
import { grade } from '../../server/grader/grade';
import { submissionSchema } from '../../server/grader/submission';
import { outpatientFixture, PERFECT_OUTPATIENT } from '../fixtures/grading-scenarios';
import { freshTempDirEachTest } from '../helpers/temp-dir';

const TRAINEE = 'a1b2c3d4e5f60718';
const OTHER = '0000111122223333';
const submission = submissionSchema.parse(PERFECT_OUTPATIENT);
const result = grade(outpatientFixture, submission);

describe('AttemptStore on real lowdb files', () => {
  const temp = freshTempDirEachTest();

  it('stores an attempt and finds it again after a restart', async () => {
    const store = new AttemptStore(temp.dir, { now: () => new Date('2026-04-01T10:00:00Z') });
    const attempt = await store.add(TRAINEE, outpatientFixture, submission, result);
    expect(attempt).toMatchObject({ traineeId: TRAINEE, scenarioId: 'grading-outpatient', submittedAt: '2026-04-01T10:00:00.000Z' });
    const restarted = new AttemptStore(temp.dir);
    expect(await restarted.get(TRAINEE, attempt.id)).toEqual(attempt);
    expect(await restarted.list(TRAINEE)).toEqual([{ id: attempt.id, scenarioId: 'grading-outpatient', submittedAt: '2026-04-01T10:00:00.000Z', score: result.score, claimReady: result.claimReady, mistakes: [] }]);
  });

  it('lists each attempt with its score and the kind of each mistake, in the order they were made', async () => {
    const store = new AttemptStore(temp.dir);
    const wrong = submissionSchema.parse({ diagnoses: [], procedures: [] });
    const first = await store.add(TRAINEE, outpatientFixture, wrong, grade(outpatientFixture, wrong));
    const second = await store.add(TRAINEE, outpatientFixture, submission, result);
    const listed = await new AttemptStore(temp.dir).list(TRAINEE);
    expect(listed.map((a) => a.id)).toEqual([first.id, second.id]);
    expect(listed[0].mistakes).toEqual(first.result.findings.filter((f) => f.severity === 'error').map((f) => f.kind));
    expect(listed[0].mistakes.length).toBeGreaterThan(0);
    expect(listed[0].score.percent).toBeLessThan(listed[1].score.percent);
  });

  it('reads the ten-attempt segment files an older version wrote, and goes on filling the last one', async () => {
    const folder = path.join(temp.dir, 'attempts', TRAINEE);
    await mkdir(folder, { recursive: true });
    const older = new AttemptStore(path.join(temp.dir, 'older'));
    const made = [];
    for (let i = 0; i < 13; i++) made.push(await older.add(TRAINEE, outpatientFixture, submission, result));
    await writeFile(path.join(folder, '000000.json'), JSON.stringify({ attempts: made.slice(0, 10) }));
    await writeFile(path.join(folder, '000001.json'), JSON.stringify({ attempts: made.slice(10) }));
    const store = new AttemptStore(temp.dir);
    const added = await store.add(TRAINEE, outpatientFixture, submission, result);
    expect((await new AttemptStore(temp.dir).list(TRAINEE)).map((a) => a.id)).toEqual([...made, added].map((a) => a.id));
    expect((await readdir(folder)).sort()).toEqual(['000000.json', '000001.journal', '000001.json']);
  });

  it('loses nothing when many submissions arrive at once, across segment boundaries', async () => {
    const store = new AttemptStore(temp.dir);
    const count = SEGMENT_SIZE * 2 + 7;
    const saved = await Promise.all(Array.from({ length: count }, () => store.add(TRAINEE, outpatientFixture, submission, result)));
    expect(new Set(saved.map((a) => a.id)).size).toBe(count);
    await store.settled();
    const restarted = new AttemptStore(temp.dir);
    expect((await restarted.list(TRAINEE)).map((a) => a.id).sort()).toEqual(saved.map((a) => a.id).sort());
    // Full segments are written whole; the one being filled is a journal of one line per attempt.
    const folder = path.join(temp.dir, 'attempts', TRAINEE);
    expect((await readdir(folder)).sort()).toEqual(['000000.json', '000001.json', '000002.journal']);
    for (const file of ['000000.json', '000001.json']) {
      expect((JSON.parse(await readFile(path.join(folder, file), 'utf8')) as { attempts: unknown[] }).attempts).toHaveLength(SEGMENT_SIZE);
    }
    expect((await readFile(path.join(folder, '000002.journal'), 'utf8')).split('\n')).toHaveLength(7 + 1);
  });

  it.each([
    { outcome: 'opens', fails: false },
    { outcome: 'cannot open', fails: true },
  ])('opens each new segment’s journal ahead of its first save, and saves all the same when it $outcome it ahead', async ({ fails }) => {
    const ahead = jest.spyOn(SegmentFile.prototype, 'openJournal');
    if (fails) ahead.mockRejectedValue(new Error('EMFILE: too many open files'));
    try {
      const store = new AttemptStore(temp.dir);
      const saved = [];
      for (let i = 0; i < SEGMENT_SIZE + 1; i++) saved.push(await store.add(TRAINEE, outpatientFixture, submission, result));
      expect(ahead).toHaveBeenCalledTimes(2); // segments 000000 and 000001
      await store.settled();
      expect((await new AttemptStore(temp.dir).list(TRAINEE)).map((a) => a.id)).toEqual(saved.map((a) => a.id));
      expect(await readFile(path.join(temp.dir, 'attempts', TRAINEE, '000001.journal'), 'utf8')).toBe(`${JSON.stringify(saved.at(-1))}\n`);
    } finally {
      ahead.mockRestore();
    }
  });

  it('reports a save that did not reach the disk, and does not list it', async () => {
    const store = new AttemptStore(temp.dir, { journalIdleMs: 1 });
    const first = await store.add(TRAINEE, outpatientFixture, submission, result);
    await new Promise((resolve) => setTimeout(resolve, 20)); // the journal is closed when idle
    const journal = path.join(temp.dir, 'attempts', TRAINEE, '000000.journal');
    await rename(journal, `${journal}.aside`);
    await mkdir(journal); // a folder in its way: the next append fails
    await expect(store.add(TRAINEE, outpatientFixture, submission, result)).rejects.toThrow(/EISDIR|illegal operation on a directory/);
    expect((await store.list(TRAINEE)).map((a) => a.id)).toEqual([first.id]);
    await rm(journal, { recursive: true });
    await rename(`${journal}.aside`, journal);
    const third = await store.add(TRAINEE, outpatientFixture, submission, result);
    expect((await new AttemptStore(temp.dir).list(TRAINEE)).map((a) => a.id)).toEqual([first.id, third.id]);
  });

  it('keeps each trainee apart: another trainee’s attempt is not found', async () => {
    const store = new AttemptStore(temp.dir);
    const mine = await store.add(TRAINEE, outpatientFixture, submission, result);
    expect(await store.get(OTHER, mine.id)).toBeUndefined();
    expect(await store.list(OTHER)).toEqual([]);
  });

  it.each(['../etc', 'A1B2C3D4E5F60718', 'short'])('refuses the trainee id %j rather than building a path from it', async (id) => {
    await expect(new AttemptStore(temp.dir).list(id)).rejects.toThrow(/not a trainee id/);
  });

  it('refuses a malformed attempt id without reading anything', async () => {
    expect(await new AttemptStore(temp.dir).get(TRAINEE, '../../x')).toBeUndefined();
  });

  it('names a corrupt file, keeps it as it is, and saves nothing over it', async () => {
    const folder = path.join(temp.dir, 'attempts', TRAINEE);
    await mkdir(folder, { recursive: true });
    const file = path.join(folder, '000000.json');
    await writeFile(file, '{"attempts": [ {"id": ');
    const store = new AttemptStore(temp.dir);
    await expect(store.list(TRAINEE)).rejects.toThrow(StorageError);
    await expect(store.add(TRAINEE, outpatientFixture, submission, result)).rejects.toThrow(`data file attempts/${TRAINEE}/000000.json cannot be used: invalid JSON`);
    expect(await readFile(file, 'utf8')).toBe('{"attempts": [ {"id": ');
  });

  it('refuses a file of the wrong shape', async () => {
    const folder = path.join(temp.dir, 'attempts', TRAINEE);
    await mkdir(folder, { recursive: true });
    await writeFile(path.join(folder, '000000.json'), '{"something": "else"}');
    await expect(new AttemptStore(temp.dir).list(TRAINEE)).rejects.toThrow(/does not hold the data Handoff expects/);
  });
});

describe('AttemptStore letting idle trainees go', () => {
  const temp = freshTempDirEachTest();
  const IDLE_MS = 1000;
  const THIRD = '4444555566667777';
  /** A store on a clock the test moves. */
  const storeWithClock = () => {
    const clock = { ms: Date.parse('2026-04-01T10:00:00Z') };
    const store = new AttemptStore(temp.dir, { now: () => new Date(clock.ms), traineeIdleMs: IDLE_MS });
    return { store, clock };
  };
  const journalsOpen = () => readdirSync('/proc/self/fd').filter((fd) => readlinkOrEmpty(`/proc/self/fd/${fd}`).endsWith('.journal')).length;

  it('lets go of a trainee unused for the idle time, reads their attempts again when they come back, and goes on filling the same segment', async () => {
    const { store, clock } = storeWithClock();
    const before = [];
    for (let i = 0; i < 3; i++) before.push(await store.add(TRAINEE, outpatientFixture, submission, result));
    const journalsBefore = journalsOpen();
    clock.ms += IDLE_MS / 2;
    await store.list(OTHER);
    expect(store.residentTrainees().sort()).toEqual([OTHER, TRAINEE].sort()); // not idle long enough
    clock.ms += IDLE_MS;
    await store.list(OTHER);
    expect(store.residentTrainees()).toEqual([OTHER]);
    expect(journalsOpen()).toBe(journalsBefore - 1); // its journal closed with it
    expect((await store.list(TRAINEE)).map((a) => a.id)).toEqual(before.map((a) => a.id));
    expect(await store.get(TRAINEE, before[1].id)).toEqual(before[1]);
    const after = await store.add(TRAINEE, outpatientFixture, submission, result);
    const journal = await readFile(path.join(temp.dir, 'attempts', TRAINEE, '000000.journal'), 'utf8');
    expect(journal.trim().split('\n').map((l) => (JSON.parse(l) as { id: string }).id)).toEqual([...before, after].map((a) => a.id));
  });

  it('keeps a trainee whose full segment is still being written, and lets go once it is written', async () => {
    const { store, clock } = storeWithClock();
    for (let i = 0; i < SEGMENT_SIZE; i++) await store.add(TRAINEE, outpatientFixture, submission, result);
    clock.ms += IDLE_MS * 2;
    await store.list(OTHER); // the segment's write has only just started
    expect(store.residentTrainees()).toContain(TRAINEE);
    await store.settled();
    clock.ms += IDLE_MS * 2;
    await store.list(OTHER);
    expect(store.residentTrainees()).toEqual([OTHER]);
    expect(await store.list(TRAINEE)).toHaveLength(SEGMENT_SIZE);
  });

  it('keeps a trainee with a save under way, even one that has not yet reached their attempts', async () => {
    const { store, clock } = storeWithClock();
    for (let i = 0; i < SEGMENT_SIZE; i++) await store.add(TRAINEE, outpatientFixture, submission, result);
    await store.settled();
    await store.list(TRAINEE); // used just now
    // This save waits for the trainee's attempts, then for a new segment to be opened; the
    // other trainee's request comes in before it gets that far, once the trainee's last use
    // is long past. Let go now, the save would fill a segment that a later read of the
    // trainee's files would fill too.
    const saving = store.add(TRAINEE, outpatientFixture, submission, result);
    clock.ms += IDLE_MS * 2;
    await store.list(OTHER);
    expect(store.residentTrainees()).toContain(TRAINEE);
    const saved = await saving;
    expect((await new AttemptStore(temp.dir).list(TRAINEE)).at(-1)?.id).toBe(saved.id);
  });

  it('loses nothing and duplicates nothing while trainees come and go under concurrent saves', async () => {
    const { store, clock } = storeWithClock();
    const trainees = [TRAINEE, OTHER, THIRD];
    const sent: string[] = [];
    for (let round = 0; round < 12; round++) {
      // Each round some trainees save at once while the clock passes the idle time, so
      // that trainees are let go between (and during) rounds.
      const active = trainees.filter((_, i) => (round + i) % 3 !== 0);
      const saves = active.flatMap((id) => Array.from({ length: 9 + round }, () => store.add(id, outpatientFixture, submission, result)));
      clock.ms += IDLE_MS * 2;
      await store.list(trainees[round % 3]);
      sent.push(...(await Promise.all(saves)).map((a) => a.id));
    }
    await store.settled();
    const stored = (await Promise.all(trainees.map((id) => new AttemptStore(temp.dir).list(id)))).flat().map((a) => a.id);
    expect(stored.length).toBe(sent.length);
    expect(new Set(stored)).toEqual(new Set(sent));
  });
});

function readlinkOrEmpty(file: string): string {
  try {
    return readlinkSync(file);
  } catch {
    return ''; // the descriptor closed meanwhile
  }
}
