/**
 * An append-only file of JSON lines with group commit: a line is acknowledged only once
 * it is on disk, and the lines that arrive while one flush is under way go out together in
 * the next, in one write for all of them. So the cost of durability is paid once per
 * batch, not once per line, and a busy file batches more.
 *
 * The file is opened with O_DSYNC: a write returns only once its bytes, and what is needed
 * to read them back (the file's new size), are on disk — what a write then an fdatasync
 * give, in one call to the thread pool instead of two. For a new file the folder is
 * fsynced too, so its name survives a power cut.
 *
 * A failed flush (a full disk) truncates the file back to where the batch began, so no
 * half-written line stays behind, and rejects every line of the batch. A crash mid-write
 * can still leave a cut-off last line; it was never acknowledged, and readers set it
 * aside (see `readLines`).
 */
import { constants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { fsyncFolder, PRIVATE_FILE } from '../durable-file';

/**
 * Synchronous data writes: each write is on disk when it returns (see above). A platform
 * without O_DSYNC (Windows) gets an fdatasync after each write instead.
 */
const SYNCHRONOUS_WRITES = constants.O_DSYNC !== undefined;
const DURABLE_APPEND = constants.O_WRONLY | constants.O_APPEND | (constants.O_DSYNC ?? 0);

interface Pending {
  text: string;
  resolve: (offset: number) => void;
  reject: (error: unknown) => void;
}

export class AppendLog {
  private handle?: FileHandle;
  private opening?: Promise<FileHandle>;
  /** The file was created by this log and its folder entry is not yet on disk. */
  private created = false;
  private size = 0;
  private queue: Pending[] = [];
  /** The flush under way; set and cleared synchronously, so a line queued as a flush ends is never left waiting. */
  private flushing?: Promise<void>;
  private closed = false;

  constructor(readonly file: string) {}

  /** Appends one line (a newline is added); resolves with its byte offset once it is on disk. */
  append(line: string): Promise<number> {
    if (this.closed) return Promise.reject(new Error(`${this.file} is closed`));
    if (line.includes('\n')) return Promise.reject(new Error('a log line cannot contain a line break'));
    return new Promise((resolve, reject) => {
      this.queue.push({ text: `${line}\n`, resolve, reject });
      this.flushing ??= this.flushAll();
    });
  }

  /** The file's size as this log knows it (every acknowledged byte). */
  get bytes(): number {
    return this.size;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.flushing;
    const handle = this.handle ?? (await this.opening?.catch(() => undefined));
    this.handle = undefined;
    await handle?.close();
  }

  private async flushAll(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue;
      this.queue = [];
      try {
        const offsets = await this.write(batch.map((p) => p.text));
        batch.forEach((p, i) => p.resolve(offsets[i]));
      } catch (error) {
        for (const p of batch) p.reject(error);
      }
    }
    this.flushing = undefined;
  }

  private async write(texts: string[]): Promise<number[]> {
    const handle = await this.open();
    const start = this.size;
    const buffer = Buffer.from(texts.join(''), 'utf8');
    try {
      let written = 0;
      while (written < buffer.length)
        written += (await handle.write(buffer, written, buffer.length - written)).bytesWritten;
      if (!SYNCHRONOUS_WRITES) await handle.datasync();
      if (this.created) {
        await fsyncFolder(path.dirname(this.file));
        this.created = false;
      }
    } catch (error) {
      await handle.truncate(start).catch(() => undefined);
      throw error;
    }
    this.size = start + buffer.length;
    const offsets: number[] = [];
    let at = start;
    for (const text of texts) {
      offsets.push(at);
      at += Buffer.byteLength(text);
    }
    return offsets;
  }

  private open(): Promise<FileHandle> {
    if (this.handle) return Promise.resolve(this.handle);
    this.opening ??= (async () => {
      let handle: FileHandle;
      try {
        handle = await open(this.file, DURABLE_APPEND | constants.O_CREAT | constants.O_EXCL, PRIVATE_FILE);
        this.created = true;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        handle = await open(this.file, DURABLE_APPEND);
      }
      this.size = (await handle.stat()).size;
      this.handle = handle;
      return handle;
    })().finally(() => {
      this.opening = undefined;
    });
    return this.opening;
  }
}
