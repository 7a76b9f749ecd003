/**
 * One lowdb file: read it once, refuse to go on (and never overwrite it) when it is not
 * valid JSON of the expected shape, and let lowdb/steno write it atomically (temporary
 * file, then rename), one write at a time.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { Low } from 'lowdb';
import { DataFile } from 'lowdb/node';

export class StorageError extends Error {
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super(`data file ${file} cannot be used: ${reason}. It has been left as it is; fix or move it, then retry.`);
  }
}

export async function openJsonFile<T>(file: string, fallback: T, isValid: (data: unknown) => data is T, displayName = file): Promise<Low<T>> {
  await mkdir(path.dirname(file), { recursive: true });
  // Compact JSON: lowdb's JSONFile indents, which triples the cost of every save.
  const db = new Low<T>(new DataFile<T>(file, { parse: JSON.parse, stringify: (data) => JSON.stringify(data) }), fallback);
  try {
    await db.read();
  } catch (error) {
    throw new StorageError(displayName, (error as Error).message.replace(/^Unexpected/, 'invalid JSON: unexpected'));
  }
  if (!isValid(db.data)) throw new StorageError(displayName, 'it does not hold the data Handoff expects');
  return db;
}
