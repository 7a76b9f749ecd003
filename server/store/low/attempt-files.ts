/**
 * Attempts in lowdb's embedded store: one append-only file of JSON lines per user,
 * `attempts/<user id>.jsonl`. Saving appends one line (group commit: see AppendLog), so
 * its cost depends neither on other users' attempts nor on how many this user made
 * before. A user's file is read once, when first needed: the summaries (what lists show),
 * where each line is (a results page reads its one line again), and the running totals
 * per scenario. At most `maxResident` users are kept in memory; the least recently used
 * is let go (its file closed) when another is read.
 */
import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { AppendLog } from '../append-log';
import {
  addToStats,
  attemptSchema,
  checkAttemptKeys,
  summarise,
  type Attempt,
  type AttemptSummary,
  type ScenarioStats,
} from '../records';
import type { AttemptPage } from '../store';
import { readJsonLineAt, readJsonLines } from './json-lines';

interface UserAttempts {
  summaries: AttemptSummary[];
  /** Where each attempt's line is in the file, and its place in `summaries`. */
  lines: Map<string, { offset: number; length: number; index: number }>;
  stats: Map<string, ScenarioStats>;
  log: AppendLog;
  /** Appends under way: a user with any is never let go. */
  writing: number;
  /** Attempts being appended, by id: adding one again waits for the first. */
  adding: Map<string, Promise<void>>;
}

export interface AttemptFilesOptions {
  maxResident?: number;
  onCutOff?: (message: string) => void;
  now?: () => Date;
}

const USER_ID = /^[A-Za-z0-9_-]{8,64}$/;

export class AttemptFiles {
  private readonly loaded = new Map<string, Promise<UserAttempts>>();
  private readonly maxResident: number;

  constructor(
    private readonly folder: string,
    private readonly options: AttemptFilesOptions = {},
  ) {
    this.maxResident = options.maxResident ?? 5000;
  }

  fileOf(userId: string): string {
    if (!USER_ID.test(userId)) throw new Error(`not a user id: ${userId}`);
    return path.join(this.folder, `${userId}.jsonl`);
  }

  private displayName(userId: string): string {
    return `attempts/${userId}.jsonl`;
  }

  private load(userId: string): Promise<UserAttempts> {
    const known = this.loaded.get(userId);
    if (known) {
      // Most recently used last, so the first entry is the one to let go.
      this.loaded.delete(userId);
      this.loaded.set(userId, known);
      return known;
    }
    const reading = this.read(userId).catch((error: unknown) => {
      this.loaded.delete(userId);
      throw error;
    });
    this.loaded.set(userId, reading);
    void this.letGo();
    return reading;
  }

  private async read(userId: string): Promise<UserAttempts> {
    const file = this.fileOf(userId);
    const records = await readJsonLines(file, attemptSchema, {
      displayName: this.displayName(userId),
      onCutOff: this.options.onCutOff,
      now: this.options.now,
    });
    const state: UserAttempts = {
      summaries: [],
      lines: new Map(),
      stats: new Map(),
      log: new AppendLog(file),
      writing: 0,
      adding: new Map(),
    };
    for (const record of records) this.remember(state, record.value, record);
    return state;
  }

  private remember(state: UserAttempts, attempt: Attempt, line: { offset: number; length: number }): void {
    const summary = summarise(attempt);
    state.lines.set(attempt.id, { offset: line.offset, length: line.length, index: state.summaries.length });
    state.summaries.push(summary);
    if (!attempt.examId)
      state.stats.set(attempt.scenarioId, addToStats(state.stats.get(attempt.scenarioId), summary));
  }

  private async letGo(): Promise<void> {
    if (this.loaded.size <= this.maxResident) return;
    for (const [userId, entry] of this.loaded) {
      if (this.loaded.size <= this.maxResident) return;
      const state = await entry.catch(() => undefined);
      if (state && state.writing > 0) continue;
      if (this.loaded.get(userId) !== entry) continue;
      this.loaded.delete(userId);
      await state?.log.close();
    }
  }

  /** Appends the attempt; one whose id is already stored (or being stored) is skipped, as in PostgreSQL. */
  async add(attempt: Attempt): Promise<void> {
    checkAttemptKeys(attempt);
    const state = await this.load(attempt.userId);
    if (state.lines.has(attempt.id)) return;
    const under = state.adding.get(attempt.id);
    if (under) return under;
    const line = JSON.stringify(attempt);
    state.writing += 1;
    const adding = state.log
      .append(line)
      .then((offset) => this.remember(state, attempt, { offset, length: Buffer.byteLength(line) }))
      .finally(() => {
        state.writing -= 1;
        state.adding.delete(attempt.id);
      });
    state.adding.set(attempt.id, adding);
    return adding;
  }

  async get(userId: string, attemptId: string): Promise<Attempt | undefined> {
    if (!USER_ID.test(userId)) return undefined;
    const state = await this.load(userId);
    const at = state.lines.get(attemptId);
    if (!at) return undefined;
    return readJsonLineAt(this.fileOf(userId), attemptSchema, at, this.displayName(userId));
  }

  async list(
    userId: string,
    options: { limit: number; before?: string; examId?: string | null },
  ): Promise<AttemptPage> {
    if (!USER_ID.test(userId)) return { attempts: [] };
    const { summaries, lines } = await this.load(userId);
    const end = options.before === undefined ? summaries.length : (lines.get(options.before)?.index ?? 0);
    const wanted = (s: AttemptSummary) =>
      options.examId === undefined || (options.examId === null ? !s.examId : s.examId === options.examId);
    const page: AttemptSummary[] = [];
    let i = end - 1;
    for (; i >= 0 && page.length < options.limit; i--) if (wanted(summaries[i])) page.push(summaries[i]);
    for (; i >= 0; i--) if (wanted(summaries[i])) return { attempts: page, next: page[page.length - 1].id };
    return { attempts: page };
  }

  async stats(userId: string): Promise<ScenarioStats[]> {
    if (!USER_ID.test(userId)) return [];
    return [...(await this.load(userId)).stats.values()];
  }

  /** Every attempt of a user, whole, oldest first (for copying the store). */
  async all(userId: string): Promise<Attempt[]> {
    const records = await readJsonLines(this.fileOf(userId), attemptSchema, {
      displayName: this.displayName(userId),
      onCutOff: this.options.onCutOff,
      now: this.options.now,
    });
    return records.map((r) => r.value);
  }

  /** The users who have an attempts file. */
  async userIds(): Promise<string[]> {
    const names = await readdir(this.folder).catch(() => [] as string[]);
    return names.flatMap((name) => {
      const match = /^([A-Za-z0-9_-]{8,64})\.jsonl$/.exec(name);
      return match ? [match[1]] : [];
    });
  }

  async count(userId: string): Promise<number> {
    return (await this.load(userId)).summaries.length;
  }

  async remove(userId: string): Promise<void> {
    const entry = this.loaded.get(userId);
    this.loaded.delete(userId);
    const state = await entry?.catch(() => undefined);
    await state?.log.close();
    await rm(this.fileOf(userId), { force: true });
  }

  async close(): Promise<void> {
    for (const entry of this.loaded.values()) await (await entry.catch(() => undefined))?.log.close();
    this.loaded.clear();
  }
}
