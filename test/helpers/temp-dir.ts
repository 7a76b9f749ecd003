import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/** A fresh folder per test file, removed afterwards. */
export async function makeTempDir(
  prefix = 'handoff-',
): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** A fresh folder for every test of the file (`temp.dir`), removed after each. */
export function freshTempDirEachTest(prefix?: string): { readonly dir: string } {
  let current: { dir: string; cleanup: () => Promise<void> } | undefined;
  beforeEach(async () => {
    current = await makeTempDir(prefix);
  });
  afterEach(() => current?.cleanup());
  return {
    get dir() {
      if (!current) throw new Error('the temporary folder exists only inside a test');
      return current.dir;
    },
  };
}
