/**
 * The lowdb adapter for one segment of a trainee's attempts: a document that only grows,
 * `{"attempts": [...]}`, up to a fixed capacity.
 *
 * Saving appends the new attempts to the segment's journal (`NNNNNN.journal`, one JSON
 * attempt per line). Once the segment is full it is written whole, atomically, to
 * `NNNNNN.json` (lowdb's TextFile: a temporary file, then a rename) and the journal is
 * removed. Reading merges the two, so a crash at any point loses nothing and duplicates
 * nothing.
 *
 * Why not rewrite the document on every save: on ext4 creating and renaming a file costs
 * 0.3–1 ms of kernel time, and done asynchronously it takes four turns of a busy event
 * loop (open, write, close, rename); appending a line takes about 10 µs, so it is done at
 * once, synchronously. Either way the attempt is in the operating system's hands (not
 * fsynced) before the response goes out.
 */
import { closeSync, existsSync, fstatSync, ftruncateSync, open, openSync, readFileSync, writeSync } from 'node:fs';
import { unlink } from 'node:fs/promises';
import type { Adapter } from 'lowdb';
import { TextFile } from 'lowdb/node';
import { describeReadError, StorageError } from './json-file';
import type { SerialQueue } from './serial-queue';

/** A journal nobody appended to for this long is closed, so idle trainees hold no file open. */
export const JOURNAL_IDLE_MS = 5000;

export interface SegmentData<Item> {
  attempts: Item[];
}

export interface SegmentFileOptions<Item> {
  capacity: number;
  /** The file path without its extension, as shown in errors (e.g. `attempts/<trainee>/000003`). */
  displayName: string;
  stringifyItem: (item: Item) => string;
  /** Writing the full segment failed: the journal still holds every attempt, and is kept. */
  onCompactionError: (error: unknown) => void;
  /** How long the journal stays open after the last append (default JOURNAL_IDLE_MS). */
  journalIdleMs?: number;
  /** Full segments are written through this queue, one at a time, when given. */
  compactions?: SerialQueue;
}

export class SegmentFile<Item extends { id: string }> implements Adapter<SegmentData<Item>> {
  private readonly document: TextFile;
  private readonly documentPath: string;
  private readonly journalPath: string;
  /** How many of the segment's attempts are on disk, and the last of them. */
  private saved = 0;
  private lastSaved?: Item;
  private compaction?: Promise<void>;
  /** The journal, kept open while attempts keep coming, so an append touches no directory. */
  private journal?: { fd: number; size: number; idle: NodeJS.Timeout };

  /** `base` is the path without extension: `<folder>/000003`. */
  constructor(
    base: string,
    private readonly options: SegmentFileOptions<Item>,
  ) {
    this.documentPath = `${base}.json`;
    this.journalPath = `${base}.journal`;
    this.document = new TextFile(this.documentPath);
  }

  // Synchronous inside: segments are small, and a new segment is opened while saves wait for it.
  async read(): Promise<SegmentData<Item> | null> {
    const documentText = readIfPresent(this.documentPath);
    const journalText = readIfPresent(this.journalPath);
    if (documentText === undefined && journalText === undefined) return null;
    const attempts = documentText === undefined ? [] : this.parseDocument(documentText);
    const known = new Set(attempts.map((a) => a.id));
    // A crash between writing the document and removing the journal leaves attempts in both.
    for (const attempt of journalText === undefined ? [] : this.parseJournal(journalText)) {
      if (!known.has(attempt.id)) attempts.push(attempt);
    }
    this.saved = attempts.length;
    this.lastSaved = attempts.at(-1);
    if (journalText !== undefined && attempts.length >= this.options.capacity) this.compactInBackground(attempts);
    return { attempts };
  }

  write(data: SegmentData<Item>): Promise<void> {
    try {
      this.save(data);
      return Promise.resolve();
    } catch (error) {
      return Promise.reject(error as Error);
    }
  }

  /**
   * What `write` does, synchronously: append the attempts not yet saved, and once the
   * segment is full start writing it whole. Throws when the append fails, before any
   * other save can run, so the caller can take the attempt back out of the data.
   */
  save(data: SegmentData<Item>): void {
    const items = data.attempts;
    if (items.length < this.saved || (this.saved > 0 && items[this.saved - 1] !== this.lastSaved)) {
      throw new Error(`${this.options.displayName}: a segment only grows; saved attempts cannot be changed or removed`);
    }
    if (items.length > this.saved) {
      this.append(`${items.slice(this.saved).map(this.options.stringifyItem).join('\n')}\n`);
      this.saved = items.length;
      this.lastSaved = items.at(-1);
    }
    if (items.length >= this.options.capacity) {
      this.close();
      this.compactInBackground(items);
    }
  }

  /**
   * Opens (creating it if need be) the journal off the event loop, ahead of the first
   * append: creating a file costs 0.3–1 ms of kernel time, which a save opening it itself
   * would spend synchronously, and a class whose segments fill together would spend fifty
   * times in one turn. Without it, or once the journal has been closed, an append opens it.
   */
  async openJournal(): Promise<void> {
    if (this.journal) return;
    const fd = await new Promise<number>((resolve, reject) => open(this.journalPath, 'a', (error, opened) => (error ? reject(error) : resolve(opened))));
    // An append that came first opened its own (keep that one), or the segment filled meanwhile.
    if (this.journal || this.saved >= this.options.capacity) closeSync(fd);
    else this.keepJournal(fd);
  }

  private keepJournal(fd: number): { fd: number; size: number; idle: NodeJS.Timeout } {
    this.journal = { fd, size: fstatSync(fd).size, idle: setTimeout(() => this.close(), this.options.journalIdleMs ?? JOURNAL_IDLE_MS).unref() };
    return this.journal;
  }

  private append(text: string): void {
    if (this.journal) this.journal.idle.refresh();
    const journal = this.journal ?? this.keepJournal(openSync(this.journalPath, 'a'));
    const { fd, size } = journal;
    const length = Buffer.byteLength(text);
    try {
      // A string is written without copying it into a buffer first; a short write (rare
      // on a local file) is finished from one.
      let written = writeSync(fd, text);
      if (written < length) for (const bytes = Buffer.from(text); written < length; ) written += writeSync(fd, bytes, written);
    } catch (error) {
      // A save that failed half-way (a full disk) must not leave half a line behind.
      try {
        ftruncateSync(fd, size);
      } catch {
        // The next read reports the incomplete line, naming it.
      }
      throw error;
    }
    journal.size = size + length;
  }

  /** Close the journal if it is open (idle, full, or the store letting the trainee go); an append would reopen it. */
  close(): void {
    if (!this.journal) return;
    clearTimeout(this.journal.idle);
    closeSync(this.journal.fd);
    this.journal = undefined;
  }

  /** Resolves once the full segment, if any, has been written (for tests and shutdown). */
  settled(): Promise<void> {
    return this.compaction ?? Promise.resolve();
  }

  private compactInBackground(items: Item[]): void {
    if (this.compaction) return;
    const copy = [...items];
    const { compactions } = this.options;
    this.compaction = (compactions ? compactions.run(() => this.compact(copy)) : this.compact(copy))
      .catch(this.options.onCompactionError)
      .finally(() => {
        this.compaction = undefined;
      });
  }

  private async compact(items: Item[]): Promise<void> {
    await this.document.write(`{"attempts":[${items.map(this.options.stringifyItem).join(',')}]}`);
    // An attempt appended meanwhile is only in the journal: then the journal stays.
    if (this.saved !== items.length) return;
    await unlink(this.journalPath).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
  }

  private parseDocument(text: string): Item[] {
    const name = `${this.options.displayName}.json`;
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (error) {
      throw new StorageError(name, describeReadError(error));
    }
    const attempts = (data as Partial<SegmentData<unknown>> | null)?.attempts;
    if (!Array.isArray(attempts) || !attempts.every(isItem)) throw new StorageError(name, 'it does not hold the data Handoff expects');
    return attempts as Item[];
  }

  private parseJournal(text: string): Item[] {
    const name = `${this.options.displayName}.journal`;
    const lines = text.split('\n');
    // Every save ends its line; a last line without an end is a save that was cut short.
    if (lines.pop() !== '') throw new StorageError(name, `line ${lines.length + 1} is incomplete (a save was interrupted)`);
    return lines.map((line, index) => {
      let item: unknown;
      try {
        item = JSON.parse(line);
      } catch (error) {
        throw new StorageError(name, `line ${index + 1}: ${describeReadError(error)}`);
      }
      if (!isItem(item)) throw new StorageError(name, `line ${index + 1} does not hold an attempt`);
      return item as Item;
    });
  }
}

function isItem(value: unknown): value is { id: string } {
  return typeof value === 'object' && value !== null && typeof (value as { id?: unknown }).id === 'string';
}

// Checked first rather than caught: a new segment is opened while saves wait, and an
// ENOENT error (with its stack trace) costs far more than a stat.
function readIfPresent(file: string): string | undefined {
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}
