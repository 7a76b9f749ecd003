/**
 * Writing files so that what was written survives a crash or a power cut: the one helper
 * every writer of a whole file uses (code-set indexes, lowdb documents, scenario files).
 *
 * A whole file is written to a temporary file beside it, fsynced, renamed over the old
 * one, and then the folder is fsynced so that the rename itself is on disk. A reader sees
 * either the old file or the new one, never a mixture; after an acknowledged write the new
 * one survives a power cut. Files are created 0600 and folders 0700 by default: they hold
 * trainees' work and password hashes.
 */
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';

export const PRIVATE_FILE = 0o600;
export const PRIVATE_FOLDER = 0o700;

/** fsync a folder, so that files created or renamed in it stay after a power cut. */
export async function fsyncFolder(folder: string): Promise<void> {
  const handle = await open(folder, constants.O_RDONLY);
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Create the folder (and its parents) if need be, private by default. */
export async function ensureFolder(folder: string, mode = PRIVATE_FOLDER): Promise<void> {
  await mkdir(folder, { recursive: true, mode });
}

export interface AtomicWriteOptions {
  mode?: number;
  /** Create the folder when missing (lowdb's own writers do not). */
  createFolder?: boolean;
}

export async function writeFileAtomic(
  file: string,
  content: string | Uint8Array,
  options: AtomicWriteOptions = {},
): Promise<void> {
  const folder = path.dirname(file);
  if (options.createFolder) await ensureFolder(folder);
  const temporary = path.join(folder, `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await open(temporary, 'wx', options.mode ?? PRIVATE_FILE);
    try {
      await handle.writeFile(content);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  await fsyncFolder(folder);
}
