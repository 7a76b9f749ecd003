/**
 * Reading an append-only file of JSON lines back, every line checked against its schema.
 *
 * The last line without its line break is a write that a crash cut off: it was never
 * acknowledged (see AppendLog), so it is set aside — its bytes moved to
 * `<file>.cut-<time>` and the file truncated to its last whole line — and logged with the
 * file and line, and the file goes on being used. Any other bad line (invalid JSON, the
 * wrong shape) means the file was damaged some other way: it is refused, named with its
 * line, and never written over.
 */
import { open, readFile, truncate, writeFile } from 'node:fs/promises';
import type { z } from 'zod';
import { PRIVATE_FILE } from '../../durable-file';
import { DamagedDataError, describeReadError, describeShapeError } from '../errors';

export interface LineRecord<T> {
  value: T;
  /** Byte offset and length of the line (without its line break), to read it again alone. */
  offset: number;
  length: number;
}

export interface ReadLinesOptions {
  /** How the file is named in messages (relative to DATA_DIR). */
  displayName: string;
  /** Told when a cut-off last line was set aside. */
  onCutOff?: (message: string) => void;
  now?: () => Date;
}

export async function readJsonLines<S extends z.ZodType>(
  file: string,
  schema: S,
  options: ReadLinesOptions,
): Promise<Array<LineRecord<z.output<S>>>> {
  let data: Buffer;
  try {
    data = await readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  let end = data.length;
  if (end > 0 && data[end - 1] !== 0x0a) {
    const lastBreak = data.lastIndexOf(0x0a);
    end = lastBreak + 1;
    const line = countLines(data, end) + 1;
    const aside = `${file}.cut-${(options.now?.() ?? new Date()).toISOString().replace(/[:.]/g, '-')}`;
    await writeFile(aside, data.subarray(end), { mode: PRIVATE_FILE });
    await truncate(file, end);
    options.onCutOff?.(
      `${options.displayName}: line ${line} was cut off by a crash before it was saved; its ${data.length - end} byte(s) were set aside in ${aside}`,
    );
  }
  const records: Array<LineRecord<z.output<S>>> = [];
  let start = 0;
  let lineNumber = 0;
  while (start < end) {
    const stop = data.indexOf(0x0a, start);
    lineNumber += 1;
    const text = data.toString('utf8', start, stop);
    records.push({
      value: parseLine(text, schema, `${options.displayName}`, lineNumber),
      offset: start,
      length: stop - start,
    });
    start = stop + 1;
  }
  return records;
}

/** One line read again by its offset (a results page shows one attempt of many). */
export async function readJsonLineAt<S extends z.ZodType>(
  file: string,
  schema: S,
  at: { offset: number; length: number },
  displayName: string,
): Promise<z.output<S>> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(at.length);
    const { bytesRead } = await handle.read(buffer, 0, at.length, at.offset);
    if (bytesRead !== at.length)
      throw new DamagedDataError(
        displayName,
        `the file is shorter than it was when read (offset ${at.offset})`,
      );
    return parseLine(buffer.toString('utf8'), schema, displayName, undefined);
  } finally {
    await handle.close();
  }
}

function parseLine<S extends z.ZodType>(
  text: string,
  schema: S,
  displayName: string,
  lineNumber: number | undefined,
): z.output<S> {
  const where = lineNumber === undefined ? displayName : `${displayName}, line ${lineNumber}`;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new DamagedDataError(where, describeReadError(error));
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success)
    throw new DamagedDataError(
      where,
      `it does not hold the record Handoff expects (${describeShapeError(parsed.error.issues)})`,
    );
  return parsed.data;
}

function countLines(data: Buffer, end: number): number {
  let count = 0;
  for (let i = data.indexOf(0x0a); i !== -1 && i < end; i = data.indexOf(0x0a, i + 1)) count++;
  return count;
}
