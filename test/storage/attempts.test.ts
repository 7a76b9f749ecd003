import { readdir, readFile, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { AttemptStore, SEGMENT_SIZE } from '../../server/storage/attempts';
import { StorageError } from '../../server/storage/json-file';
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
    const store = new AttemptStore(temp.dir, () => new Date('2026-04-01T10:00:00Z'));
    const attempt = await store.add(TRAINEE, outpatientFixture, submission, result);
    expect(attempt).toMatchObject({ traineeId: TRAINEE, scenarioId: 'grading-outpatient', submittedAt: '2026-04-01T10:00:00.000Z' });
    const restarted = new AttemptStore(temp.dir);
    expect(await restarted.get(TRAINEE, attempt.id)).toEqual(attempt);
    expect(await restarted.list(TRAINEE)).toEqual([attempt]);
  });

  it('loses nothing when many submissions arrive at once, across segment boundaries', async () => {
    const store = new AttemptStore(temp.dir);
    const count = SEGMENT_SIZE * 2 + 7;
    const saved = await Promise.all(Array.from({ length: count }, () => store.add(TRAINEE, outpatientFixture, submission, result)));
    expect(new Set(saved.map((a) => a.id)).size).toBe(count);
    const restarted = new AttemptStore(temp.dir);
    expect((await restarted.list(TRAINEE)).map((a) => a.id).sort()).toEqual(saved.map((a) => a.id).sort());
    const files = await readdir(path.join(temp.dir, 'attempts', TRAINEE));
    expect(files.length).toBeGreaterThanOrEqual(3);
    for (const file of files) {
      const segment = JSON.parse(await readFile(path.join(temp.dir, 'attempts', TRAINEE, file), 'utf8')) as { attempts: unknown[] };
      expect(segment.attempts.length).toBeLessThanOrEqual(SEGMENT_SIZE);
    }
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
