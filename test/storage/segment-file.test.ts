import { existsSync, readdirSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { StorageError } from '../../server/storage/json-file';
import { SegmentFile, type SegmentData, type SegmentFileOptions } from '../../server/storage/segment-file';
import { SerialQueue } from '../../server/storage/serial-queue';
import { freshTempDirEachTest } from '../helpers/temp-dir';

interface Item {
  id: string;
  n: number;
}

const item = (n: number): Item => ({ id: `id-${n}`, n });
const line = (n: number) => `${JSON.stringify(item(n))}\n`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('SegmentFile: a lowdb adapter that appends to a journal and writes the segment whole once full', () => {
  const temp = freshTempDirEachTest('handoff-segment-');
  const base = () => path.join(temp.dir, '000000');
  const journal = () => `${base()}.journal`;
  const document = () => `${base()}.json`;
  const errors: unknown[] = [];
  const open = (options: Partial<SegmentFileOptions<Item>> = {}) =>
    new SegmentFile<Item>(base(), { capacity: 3, displayName: 'attempts/t/000000', stringifyItem: (i) => JSON.stringify(i), onCompactionError: (e) => errors.push(e), ...options });

  beforeEach(() => {
    errors.length = 0;
  });

  it('appends only the attempts not yet saved, one JSON line each, and writes no document before the segment is full', async () => {
    const file = open();
    expect(await file.read()).toBeNull();
    const data: SegmentData<Item> = { attempts: [item(1)] };
    await file.write(data);
    data.attempts.push(item(2));
    await file.write(data);
    await file.write(data); // nothing new: nothing appended
    expect(await readFile(journal(), 'utf8')).toBe(line(1) + line(2));
    expect(existsSync(document())).toBe(false);
    expect(await open().read()).toEqual({ attempts: [item(1), item(2)] });
  });

  it('once full, writes the whole segment to its .json file and removes the journal', async () => {
    const file = open();
    const data: SegmentData<Item> = { attempts: [item(1), item(2)] };
    await file.write(data);
    data.attempts.push(item(3));
    await file.write(data);
    await file.settled();
    expect(JSON.parse(await readFile(document(), 'utf8'))).toEqual({ attempts: [item(1), item(2), item(3)] });
    expect(existsSync(journal())).toBe(false);
    expect(await open().read()).toEqual({ attempts: [item(1), item(2), item(3)] });
  });

  it.each([
    { state: 'only a journal (the segment is being filled)', documentText: undefined, journalText: line(1) + line(2), expected: [1, 2], compacts: false },
    { state: 'only a document (a full segment)', documentText: JSON.stringify({ attempts: [item(1), item(2), item(3)] }), journalText: undefined, expected: [1, 2, 3], compacts: false },
    {
      state: 'both, overlapping (stopped between writing the document and removing the journal)',
      documentText: JSON.stringify({ attempts: [item(1), item(2), item(3)] }),
      journalText: line(1) + line(2) + line(3),
      expected: [1, 2, 3],
      compacts: true,
    },
    { state: 'a full journal (stopped before writing the document)', documentText: undefined, journalText: line(1) + line(2) + line(3), expected: [1, 2, 3], compacts: true },
    { state: 'an empty journal', documentText: undefined, journalText: '', expected: [], compacts: false },
  ])('reads $state: every attempt once, and finishes the segment when it is full', async ({ documentText, journalText, expected, compacts }) => {
    if (documentText !== undefined) await writeFile(document(), documentText);
    if (journalText !== undefined) await writeFile(journal(), journalText);
    const file = open();
    expect(await file.read()).toEqual({ attempts: expected.map(item) });
    await file.settled();
    expect(existsSync(journal())).toBe(journalText !== undefined && !compacts);
    if (compacts) expect(JSON.parse(await readFile(document(), 'utf8'))).toEqual({ attempts: expected.map(item) });
  });

  it.each([
    { problem: 'a last line cut short', journalText: line(1) + '{"id":"id-2","n', message: 'data file attempts/t/000000.journal cannot be used: line 2 is incomplete (a save was interrupted)' },
    { problem: 'a line that is not JSON', journalText: line(1) + 'oops\n', message: 'data file attempts/t/000000.journal cannot be used: line 2: invalid JSON: unexpected token' },
    { problem: 'a line that is not an attempt', journalText: '[1,2]\n', message: 'data file attempts/t/000000.journal cannot be used: line 1 does not hold an attempt' },
    { problem: 'a document that is not JSON', documentText: '{"attempts": [', message: 'data file attempts/t/000000.json cannot be used: invalid JSON' },
    { problem: 'a document of the wrong shape', documentText: '{"attempts": [{"n": 1}]}', message: 'data file attempts/t/000000.json cannot be used: it does not hold the data Handoff expects' },
  ])('refuses $problem, naming the file and line, and leaves the files as they are', async ({ journalText, documentText, message }) => {
    if (journalText !== undefined) await writeFile(journal(), journalText);
    if (documentText !== undefined) await writeFile(document(), documentText);
    const read = open().read();
    await expect(read).rejects.toThrow(StorageError);
    await expect(read).rejects.toThrow(message);
    if (journalText !== undefined) expect(await readFile(journal(), 'utf8')).toBe(journalText);
    if (documentText !== undefined) expect(await readFile(document(), 'utf8')).toBe(documentText);
  });

  it('refuses a save that changes or removes attempts already saved', async () => {
    const file = open();
    await file.write({ attempts: [item(1), item(2)] });
    await expect(file.write({ attempts: [item(1)] })).rejects.toThrow('a segment only grows');
    await expect(file.write({ attempts: [item(1), item(9)] })).rejects.toThrow('a segment only grows');
    expect(await readFile(journal(), 'utf8')).toBe(line(1) + line(2));
  });

  it('closes an idle journal and opens it again for the next save', async () => {
    const file = open({ journalIdleMs: 1 });
    const data: SegmentData<Item> = { attempts: [item(1)] };
    file.save(data);
    await sleep(20);
    // Had the journal stayed open, this save would go to the removed file.
    await unlink(journal());
    data.attempts.push(item(2));
    file.save(data);
    expect(await readFile(journal(), 'utf8')).toBe(line(2));
  });

  it('throws a failed save at once and saves it with the next one only if it is still in the data', async () => {
    const file = open({ journalIdleMs: 1 });
    const data: SegmentData<Item> = { attempts: [item(1)] };
    file.save(data);
    await sleep(20);
    await rename(journal(), `${journal()}.aside`);
    await mkdir(journal());
    data.attempts.push(item(2));
    expect(() => file.save(data)).toThrow(/EISDIR|illegal operation on a directory/);
    data.attempts.pop();
    await rm(journal(), { recursive: true });
    await rename(`${journal()}.aside`, journal());
    data.attempts.push(item(3));
    file.save(data);
    expect(await readFile(journal(), 'utf8')).toBe(line(1) + line(3));
  });

  it('opens (creates) its journal ahead of the first save, once, and saves go to it', async () => {
    const file = open();
    const openFiles = () => readdirSync('/proc/self/fd').length;
    const before = openFiles();
    await file.openJournal();
    await file.openJournal(); // already open: nothing more
    expect(openFiles()).toBe(before + 1);
    expect(await readFile(journal(), 'utf8')).toBe('');
    // Had the save opened the journal itself, it would have written to a new file.
    await rename(journal(), `${journal()}.opened`);
    file.save({ attempts: [item(1)] });
    expect(await readFile(`${journal()}.opened`, 'utf8')).toBe(line(1));
    expect(existsSync(journal())).toBe(false);
  });

  it.each([
    { when: 'a save opened the journal first (that one stays open)', first: (file: SegmentFile<Item>) => file.save({ attempts: [item(1)] }), stillOpen: 1 },
    { when: 'the segment filled first (none stays open)', first: (file: SegmentFile<Item>) => file.save({ attempts: [item(1), item(2), item(3)] }), stillOpen: 0 },
  ])('closes the journal it opened ahead when $when', async ({ first, stillOpen }) => {
    const file = open();
    const openFiles = () => readdirSync('/proc/self/fd').length;
    const before = openFiles();
    const ahead = file.openJournal();
    first(file);
    await ahead;
    await file.settled();
    expect(openFiles()).toBe(before + stillOpen);
  });

  it('writes full segments through the queue it is given, one after another', async () => {
    const queue = new SerialQueue();
    const run = jest.spyOn(queue, 'run');
    const files = ['000000', '000001'].map((name) => new SegmentFile<Item>(path.join(temp.dir, name), { capacity: 2, displayName: `attempts/t/${name}`, stringifyItem: (i) => JSON.stringify(i), onCompactionError: (e) => errors.push(e), compactions: queue }));
    files.forEach((file, i) => file.save({ attempts: [item(2 * i), item(2 * i + 1)] }));
    await Promise.all(files.map((file) => file.settled()));
    expect(run).toHaveBeenCalledTimes(2);
    expect(JSON.parse(await readFile(path.join(temp.dir, '000001.json'), 'utf8'))).toEqual({ attempts: [item(2), item(3)] });
    expect((await readdir(temp.dir)).sort()).toEqual(['000000.json', '000001.json']);
    expect(errors).toEqual([]);
  });

  it('keeps the journal, and says so, when the full segment cannot be written', async () => {
    const file = open();
    const data: SegmentData<Item> = { attempts: [item(1), item(2)] };
    file.save(data);
    await mkdir(document()); // a folder where the document should go: the rename fails
    data.attempts.push(item(3));
    file.save(data);
    await file.settled();
    expect(errors).toHaveLength(1);
    expect(await readFile(journal(), 'utf8')).toBe(line(1) + line(2) + line(3));
  }, 10_000);
});
