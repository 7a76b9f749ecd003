import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/** A fresh folder per test file, removed afterwards. */
export async function makeTempDir(prefix = 'handoff-'): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** Poll until the check passes or the time is up; file-system events take a moment. */
export async function eventually(check: () => void | Promise<void>, timeoutMs = 8000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
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
