import { mkdir, rename, rm, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ScenarioLibrary } from '../../server/scenarios/library';
import { VALID_JSON, VALID_YAML, withLines } from '../fixtures/scenario-texts';
import { makeTempDir } from '../helpers/temp-dir';

const withId = (id: string) => VALID_YAML.replace('id: test-ankle', `id: ${id}`);

describe('ScenarioLibrary', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  let library: ScenarioLibrary;

  beforeEach(async () => {
    ({ dir, cleanup } = await makeTempDir());
    library = new ScenarioLibrary(dir);
  });
  afterEach(async () => {
    library.close();
    await cleanup();
  });

  it('loads YAML and JSON files from nested folders and ignores other files', async () => {
    await mkdir(path.join(dir, 'emergency', 'deep'), { recursive: true });
    await writeFile(path.join(dir, 'emergency', 'deep', 'a.yml'), withId('a'));
    await writeFile(path.join(dir, 'b.json'), VALID_JSON);
    await writeFile(path.join(dir, 'notes.txt'), 'not a scenario');
    await writeFile(path.join(dir, '.hidden.yaml'), 'broken: [');
    await library.loadAll();
    expect(library.list().map((s) => s.id).sort()).toEqual(['a', 'test-json']);
    expect(library.get('a')?.file).toBe('emergency/deep/a.yml');
    expect(library.problems()).toEqual([]);
  });

  it('keeps serving the good files when one is bad, and reports the bad one', async () => {
    await writeFile(path.join(dir, 'good.yaml'), withId('good'));
    await writeFile(path.join(dir, 'bad.yaml'), withLines({ 1: 'id: bad', 6: 'difficulty: 9' }));
    await library.loadAll();
    expect(library.list().map((s) => s.id)).toEqual(['good']);
    expect(library.problems()).toEqual([expect.objectContaining({ file: 'bad.yaml', path: 'difficulty', line: 6 })]);
  });

  it('reports a duplicate id on the later file, keeping the first', async () => {
    await writeFile(path.join(dir, 'a.yaml'), withId('same'));
    await writeFile(path.join(dir, 'b.yaml'), withId('same'));
    await library.loadAll();
    expect(library.get('same')?.file).toBe('a.yaml');
    expect(library.problems()).toEqual([expect.objectContaining({ problem: 'duplicate-id', file: 'b.yaml', line: 1, col: 5, path: 'id' })]);
  });

  it('refreshFile picks up an added, a changed and a removed file', async () => {
    const file = path.join(dir, 'one.yaml');
    await library.loadAll();
    expect(library.list()).toEqual([]);

    await writeFile(file, withId('one'));
    await library.refreshFile(file);
    expect(library.get('one')?.title).toBe('Test ankle');

    await writeFile(file, withId('one').replace('title: Test ankle', 'title: Changed title'));
    await utimes(file, new Date(), new Date(Date.now() + 5000));
    await library.refreshFile(file);
    expect(library.get('one')?.title).toBe('Changed title');

    await rm(file);
    await library.refreshFile(file);
    expect(library.get('one')).toBeUndefined();
  });

  it('a file that becomes invalid stops being served and its problem is listed; fixing it brings it back', async () => {
    const file = path.join(dir, 'one.yaml');
    await writeFile(file, withId('one'));
    await library.loadAll();
    await writeFile(file, withId('one').replace('difficulty: 2', 'difficulty: 2\nsetting: x'));
    await utimes(file, new Date(), new Date(Date.now() + 5000));
    await library.refreshFile(file);
    expect(library.get('one')).toBeUndefined();
    expect(library.problems()[0]).toMatchObject({ problem: 'syntax-error', file: 'one.yaml' });
    await writeFile(file, withId('one'));
    await utimes(file, new Date(), new Date(Date.now() + 10000));
    await library.refreshFile(file);
    expect(library.get('one')).toBeDefined();
    expect(library.problems()).toEqual([]);
  });

  /** Resolves once the library, after one of its changes (or already), satisfies the check: no polling, no sleeps. */
  const whenLibrary = (check: () => boolean) =>
    new Promise<void>((resolve) => {
      if (check()) return resolve();
      const stop = library.onChange(() => {
        if (!check()) return;
        stop();
        resolve();
      });
    });

  it('watch() follows additions, changes, renames and removals without a restart', async () => {
    await writeFile(path.join(dir, 'first.yaml'), withId('first'));
    await library.loadAll();
    library.watch({ debounceMs: 20, pollMs: 0 });

    await mkdir(path.join(dir, 'new-folder'));
    await writeFile(path.join(dir, 'new-folder', 'second.yaml'), withId('second'));
    await whenLibrary(() => library.get('second') !== undefined);

    await writeFile(path.join(dir, 'first.yaml'), withId('first').replace('title: Test ankle', 'title: Edited'));
    await whenLibrary(() => library.get('first')?.title === 'Edited');

    await rename(path.join(dir, 'first.yaml'), path.join(dir, 'renamed.yaml'));
    await whenLibrary(() => library.get('first')?.file === 'renamed.yaml');

    await writeFile(path.join(dir, 'new-folder', 'second.yaml'), 'id: [broken');
    await whenLibrary(() => library.get('second') === undefined);
    expect(library.problems()[0]).toMatchObject({ file: 'new-folder/second.yaml', problem: 'syntax-error' });

    await rm(path.join(dir, 'renamed.yaml'));
    await whenLibrary(() => library.get('first') === undefined);
  });

  it('the slow poll finds changes when no event arrives', async () => {
    await library.loadAll();
    // The poll's timer is faked, so the test says when it fires; file I/O stays real.
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    try {
      library.watch({ pollMs: 5000 });
      // Stop the event watcher to simulate a file system that sends none.
      (library as unknown as { watcher?: { close(): void } }).watcher?.close();
      await writeFile(path.join(dir, 'late.yaml'), withId('late'));
      const found = whenLibrary(() => library.get('late') !== undefined);
      expect(library.get('late')).toBeUndefined();
      jest.advanceTimersByTime(5000);
      await found;
    } finally {
      jest.useRealTimers();
    }
  });

  it('notifies listeners on change', async () => {
    const seen: number[] = [];
    library.onChange(() => seen.push(library.list().length));
    await writeFile(path.join(dir, 'a.yaml'), withId('a'));
    await library.loadAll();
    expect(seen).toEqual([1]);
  });

  it('reports a missing scenarios folder without throwing', async () => {
    const warnings: string[] = [];
    const missing = new ScenarioLibrary(path.join(dir, 'nope'), { info: () => {}, warn: (m) => warnings.push(m) });
    await missing.loadAll();
    expect(missing.list()).toEqual([]);
    expect(warnings[0]).toMatch(/cannot read scenarios folder/);
  });

  it('reports a file over the size limit as unreadable', async () => {
    await writeFile(path.join(dir, 'huge.yaml'), `${withId('huge')}# ${'x'.repeat(1024 * 1024)}\n`);
    await library.loadAll();
    expect(library.problems()[0]).toMatchObject({ problem: 'unreadable-file', file: 'huge.yaml' });
    expect(library.problems()[0].message).toMatch(/byte limit/);
  });

  it('reports a file that is not UTF-8', async () => {
    await writeFile(path.join(dir, 'latin1.yaml'), Buffer.from([0x69, 0x64, 0x3a, 0x20, 0xe9, 0xff, 0x0a]));
    await library.loadAll();
    expect(library.problems()[0].message).toMatch(/not valid UTF-8/);
  });
});
