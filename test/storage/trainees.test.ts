import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { StorageError } from '../../server/storage/json-file';
import { TRAINEE_ID, TraineeStore } from '../../server/storage/trainees';
import { freshTempDirEachTest } from '../helpers/temp-dir';

describe('TraineeStore on a real lowdb file', () => {
  const temp = freshTempDirEachTest();

  it('creates a trainee once per name, whatever the case and spacing, and keeps it across restarts', async () => {
    const store = new TraineeStore(temp.dir);
    const ana = await store.findOrCreate('  Ana   Ruiz ');
    expect(ana.id).toMatch(TRAINEE_ID);
    expect(ana.name).toBe('Ana Ruiz');
    expect(await store.findOrCreate('ana ruiz')).toEqual(ana);
    const other = await store.findOrCreate('Ben');
    expect(other.id).not.toBe(ana.id);
    const restarted = new TraineeStore(temp.dir);
    expect(await restarted.get(ana.id)).toEqual(ana);
    expect((await restarted.list()).map((t) => t.name)).toEqual(['Ana Ruiz', 'Ben']);
  });

  it('creates one trainee when the same new name arrives twice at once', async () => {
    const store = new TraineeStore(temp.dir);
    const [a, b] = await Promise.all([store.findOrCreate('Cleo'), store.findOrCreate('cleo')]);
    expect(a.id).toBe(b.id);
    expect(await store.list()).toHaveLength(1);
  });

  it('reports a corrupt trainees.json and leaves it alone', async () => {
    const file = path.join(temp.dir, 'trainees.json');
    await writeFile(file, 'not json');
    await expect(new TraineeStore(temp.dir).findOrCreate('Dana')).rejects.toThrow(StorageError);
    await expect(new TraineeStore(temp.dir).list()).rejects.toThrow('data file trainees.json cannot be used');
    expect(await readFile(file, 'utf8')).toBe('not json');
  });

  it('finds every one of many trainees by id and by name after a restart, and no one for an unknown id', async () => {
    const store = new TraineeStore(temp.dir);
    const made = [];
    for (let i = 0; i < 300; i++) made.push(await store.findOrCreate(`Trainee ${i}`));
    const restarted = new TraineeStore(temp.dir);
    for (const trainee of made) {
      expect(await restarted.get(trainee.id)).toEqual(trainee);
      expect(await restarted.findOrCreate(trainee.name.toUpperCase())).toEqual(trainee);
    }
    expect(await restarted.get('0000000000000000')).toBeUndefined();
    expect(await restarted.list()).toHaveLength(300);
  });

  it('answers undefined for a malformed id', async () => {
    expect(await new TraineeStore(temp.dir).get('../x')).toBeUndefined();
  });
});
