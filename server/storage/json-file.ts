/**
 * One lowdb file: read it once, refuse to go on (and never overwrite it) when it is not
 * valid JSON of the expected shape, and let lowdb (steno) write it atomically — a
 * temporary file, then a rename — one save at a time, merging saves asked for meanwhile.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { Low, type Adapter } from 'lowdb';
import { DataFile } from 'lowdb/node';

export class StorageError extends Error {
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super(`data file ${file} cannot be used: ${reason}. It has been left as it is; fix or move it, then retry.`);
  }
}

/** Why a file could not be read, in the words of the error: "invalid JSON: …" for a parse error. */
export function describeReadError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return error instanceof SyntaxError ? `invalid JSON: ${message.charAt(0).toLowerCase()}${message.slice(1)}` : message;
}

/** What the stores need of a lowdb file. */
export type JsonFile<T> = Pick<Low<T>, 'data' | 'write'>;

export async function openJsonFile<T>(
  file: string,
  fallback: T,
  isValid: (data: unknown) => data is T,
  displayName = file,
): Promise<JsonFile<T>> {
  await mkdir(path.dirname(file), { recursive: true });
  // Compact JSON: lowdb's JSONFile indents, which triples the cost of a save.
  return openLow(new DataFile<T>(file, { parse: JSON.parse, stringify: (data) => JSON.stringify(data) }), fallback, isValid, displayName);
}

/** Read a lowdb file through any adapter, and refuse it, named, when it is unreadable or of the wrong shape. */
export async function openLow<T>(adapter: Adapter<T>, fallback: T, isValid: (data: unknown) => data is T, displayName: string): Promise<JsonFile<T>> {
  const db = new Low<T>(adapter, fallback);
  try {
    await db.read();
  } catch (error) {
    if (error instanceof StorageError) throw error;
    throw new StorageError(displayName, describeReadError(error));
  }
  if (!isValid(db.data)) throw new StorageError(displayName, 'it does not hold the data Handoff expects');
  return db;
}
