import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ensureFolder, writeFileAtomic } from '../server/durable-file';
import { freshTempDirEachTest } from './helpers/temp-dir';

describe('writeFileAtomic', () => {
  const temp = freshTempDirEachTest('handoff-durable-');

  it('replaces a file whole, private to the server, leaving no temporary file', async () => {
    const file = path.join(temp.dir, 'doc.json');
    await writeFile(file, 'old');
    await writeFileAtomic(file, '{"new":true}');
    expect(await readFile(file, 'utf8')).toBe('{"new":true}');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await readdir(temp.dir)).toEqual(['doc.json']);
  });

  it('creates the folder (0700) only when asked', async () => {
    const file = path.join(temp.dir, 'a', 'b', 'doc.json');
    await expect(writeFileAtomic(file, 'x')).rejects.toThrow(/ENOENT/);
    await writeFileAtomic(file, 'x', { createFolder: true });
    expect((await stat(path.join(temp.dir, 'a', 'b'))).mode & 0o777).toBe(0o700);
  });

  it('leaves the old file and no temporary file when the rename fails', async () => {
    const target = path.join(temp.dir, 'taken');
    await ensureFolder(target);
    await writeFile(path.join(target, 'inside'), 'kept');
    await expect(writeFileAtomic(target, 'new')).rejects.toThrow();
    expect((await readdir(temp.dir)).sort()).toEqual(['taken']);
    expect(await readFile(path.join(target, 'inside'), 'utf8')).toBe('kept');
  });
});
