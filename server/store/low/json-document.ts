/**
 * A small JSON document kept with lowdb (users, sessions, cohorts…): read once, checked
 * against its schema, changed in memory, and written whole through the durable-write
 * helper (temporary file, fsync, rename, folder fsync) by a lowdb adapter.
 *
 * Changes are made with `update`, which resolves once a write that includes the change is
 * on disk. Changes that arrive while a write is under way share the next write. A write
 * that fails throws to every change it carried, and the document goes back to what it was
 * before them, so memory never holds what the disk does not.
 */
import { readFile, stat } from 'node:fs/promises';
import { Low, type Adapter } from 'lowdb';
import type { z } from 'zod';
import { writeFileAtomic } from '../../durable-file';
import { DamagedDataError, describeReadError, describeShapeError } from '../errors';

/** What tells that a file changed on disk since this process last read or wrote it. */
type Stamp = string;

async function stampOf(file: string): Promise<Stamp> {
  const info = await stat(file).catch(() => undefined);
  return info ? `${info.ino}:${info.size}:${info.mtimeMs}` : 'absent';
}

class ValidatedJsonFile<T> implements Adapter<T> {
  stamp: Stamp = 'absent';

  constructor(
    readonly file: string,
    private readonly schema: z.ZodType<T>,
    private readonly displayName: string,
  ) {}

  async read(): Promise<T | null> {
    let text: string;
    const stamp = await stampOf(this.file);
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        this.stamp = 'absent';
        return null;
      }
      throw error;
    }
    this.stamp = stamp;
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new DamagedDataError(this.displayName, describeReadError(error));
    }
    const parsed = this.schema.safeParse(json);
    if (!parsed.success)
      throw new DamagedDataError(
        this.displayName,
        `it does not hold the data Handoff expects (${describeShapeError(parsed.error.issues)})`,
      );
    return parsed.data;
  }

  async write(data: T): Promise<void> {
    await writeFileAtomic(this.file, JSON.stringify(data));
    this.stamp = await stampOf(this.file);
  }
}

interface PendingChange<T> {
  change: (data: T) => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * How often to look for another process's changes: at most one stat per `recheckMs`, shared
 * by every read in that time. This process's own changes are seen at once.
 */
export interface Freshness {
  recheckMs: number;
  now: () => number;
}

export class JsonDocument<T> {
  private readonly db: Low<T>;
  private lastCheck?: { at: number; done: Promise<void> };
  private pending: Array<PendingChange<T>> = [];
  /** Set and cleared synchronously, so a change queued as a flush ends is never left waiting. */
  private flushing = false;

  private constructor(
    private readonly adapter: ValidatedJsonFile<T>,
    private readonly fallback: T,
    private readonly freshness: Freshness,
  ) {
    this.db = new Low(adapter, fallback);
  }

  static async open<T>(
    file: string,
    schema: z.ZodType<T>,
    fallback: T,
    displayName: string,
    freshness: Freshness = { recheckMs: 0, now: Date.now },
  ): Promise<JsonDocument<T>> {
    const document = new JsonDocument<T>(
      new ValidatedJsonFile(file, schema, displayName),
      fallback,
      freshness,
    );
    await document.db.read();
    return document;
  }

  /** The document as this process last read or wrote it (change it through `update`). */
  get data(): T {
    return this.db.data;
  }

  /**
   * The document as it is on disk: read again when another process (the users CLI) changed
   * the file since this one last read or wrote it, looked for at most once per `recheckMs`
   * (a stat, when nothing changed). A request reads several documents, so a stat each time
   * would cost more than the rest of a page.
   */
  async current(): Promise<T> {
    const now = this.freshness.now();
    if (!this.lastCheck || now - this.lastCheck.at >= this.freshness.recheckMs) {
      const check = { at: now, done: this.readIfChanged() };
      this.lastCheck = check;
      // A failed read (a damaged file) is tried again by the next caller, not remembered.
      check.done.catch(() => {
        if (this.lastCheck === check) this.lastCheck = undefined;
      });
    }
    await this.lastCheck.done;
    return this.db.data;
  }

  private async readIfChanged(): Promise<void> {
    if (!this.flushing && (await stampOf(this.adapter.file)) !== this.adapter.stamp) {
      await this.db.read();
      this.db.data ??= structuredClone(this.fallback);
    }
  }

  /**
   * Applies a change and resolves with its result once it is on disk. A change that
   * throws (a taken username, say) must throw before it changes anything; it is refused
   * alone. Changes are applied just before the write that carries them, so a write that
   * fails can take them all back.
   */
  update<R>(change: (data: T) => R): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.pending.push({ change, resolve: resolve as (value: unknown) => void, reject });
      if (!this.flushing) void this.flushAll();
    });
  }

  private async flushAll(): Promise<void> {
    this.flushing = true;
    // `flushing` is cleared in the same turn as the last batch is settled (no await in
    // between), so a change queued by a caller resuming from that batch starts a new flush.
    try {
      while (this.pending.length > 0) {
        const batch = this.pending;
        this.pending = [];
        try {
          // Changes apply to the file as it is now, should another process have changed it.
          if ((await stampOf(this.adapter.file)) !== this.adapter.stamp) await this.db.read();
        } catch (error) {
          for (const pending of batch) pending.reject(error);
          continue;
        }
        const before = structuredClone(this.db.data);
        const applied: Array<{ pending: PendingChange<T>; value: unknown }> = [];
        for (const pending of batch) {
          try {
            applied.push({ pending, value: pending.change(this.db.data) });
          } catch (error) {
            pending.reject(error);
          }
        }
        if (applied.length === 0) continue;
        try {
          await this.db.write();
        } catch (error) {
          // Memory must not hold what the disk does not: the batch is taken back.
          this.db.data = before;
          for (const { pending } of applied) pending.reject(error);
          continue;
        }
        for (const { pending, value } of applied) pending.resolve(value);
      }
    } finally {
      this.flushing = false;
    }
  }
}
