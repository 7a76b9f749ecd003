/** The key that signs cookies: SESSION_SECRET, or one generated once and kept in DATA_DIR. */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ensureFolder, writeFileAtomic } from '../durable-file';

export async function loadOrCreateSecret(dataDir: string, configured?: string): Promise<string> {
  if (configured) return configured;
  const file = path.join(dataDir, 'session-secret');
  try {
    const existing = (await readFile(file, 'utf8')).trim();
    if (existing.length >= 32) return existing;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const secret = randomBytes(32).toString('base64url');
  await ensureFolder(dataDir);
  await writeFileAtomic(file, `${secret}\n`);
  return secret;
}
