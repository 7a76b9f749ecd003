/**
 * Attempts, one folder per trainee and one lowdb file per segment of attempts. Saving
 * appends to the current segment's journal (see segment-file), so its cost depends
 * neither on other trainees' attempts nor on how many this trainee made before. A
 * trainee's attempts are read once, then served from memory: a summary of each (what the
 * catalogue and the progress page need) and the attempt as stored, in JSON. One flat
 * string per attempt is a fifth of the memory of the object it encodes, and costs the
 * garbage collector nothing to trace; a results page parses the one it shows.
 */
import { mkdirSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';

import type { FindingKind, GradeResult, Score } from '../grader/types';
import type { Submission } from '../grader/submission';
import type { ScenarioModel } from '../scenarios/model';
import { compactResult, expandResult, type StoredResult } from './compact-result';
import { openLow, type JsonFile } from './json-file';
import { randomId } from './random-id';
import { SegmentFile, type SegmentData } from './segment-file';
import { SerialQueue } from './serial-queue';
import { TRAINEE_ID } from './trainees';

export const SEGMENT_SIZE = 100;
/** A trainee whose attempts nobody asked for this long is let go from memory (read again when needed). */
export const TRAINEE_IDLE_MS = 20 * 60 * 1000;
export const ATTEMPT_ID = /^[A-Za-z0-9_-]{12}$/;

/** An attempt as stored: the result without what the scenario already says (see compact-result). */
export interface Attempt {
  id: string;
  traineeId: string;
  scenarioId: string;
  submittedAt: string;
  submission: Submission;
  result: StoredResult;
}

/** What lists of attempts show: the score, and the kind of each mistake. */
export interface AttemptSummary {
  id: string;
  scenarioId: string;
  submittedAt: string;
  score: Score;
  claimReady: boolean;
  /** The kind of every finding that is a mistake (severity error), in order. */
  mistakes: FindingKind[];
}

export function summarise(attempt: Attempt): AttemptSummary {
  const { id, scenarioId, submittedAt, result } = attempt;
  return { id, scenarioId, submittedAt, score: result.score, claimReady: result.claimReady, mistakes: result.findings.filter((f) => f.severity === 'error').map((f) => f.kind) };
}

/** The attempt with its full grading record, as the grader returned it. */
export function expandAttempt(attempt: Attempt, scenario: ScenarioModel | undefined): Omit<Attempt, 'result'> & { result: GradeResult } {
  return { ...attempt, result: expandResult(attempt.result, scenario) };
}

type Segment = SegmentData<Attempt>;

const isSegment = (data: unknown): data is Segment => typeof data === 'object' && data !== null && Array.isArray((data as Segment).attempts);

interface OpenSegment {
  index: number;
  db: JsonFile<Segment>;
  file: SegmentFile<Attempt>;
}

interface TraineeAttempts {
  summaries: AttemptSummary[];
  /** Every attempt as stored, in JSON, by id. */
  stored: Map<string, string>;
  /** The segment being filled; full ones are not kept open. */
  current?: OpenSegment;
  nextIndex: number;
  /** Whether the trainee's folder is known to exist. */
  hasFolder: boolean;
  /** The next segment while it is being opened, so concurrent saves share it. */
  opening?: Promise<OpenSegment>;
  /** Full segments of this trainee's still being written whole. */
  writing: Set<Promise<void>>;
  /** When the attempts were last listed, read or added to (the store's clock, in ms). */
  lastUsed: number;
}

export interface AttemptStoreOptions {
  now?: () => Date;
  /** Told when a full segment could not be written (nothing is lost: its journal is kept). */
  onError?: (message: string) => void;
  journalIdleMs?: number;
  /** How long a trainee's attempts stay in memory unused (default TRAINEE_IDLE_MS). */
  traineeIdleMs?: number;
}

export class AttemptStore {
  private readonly loaded = new Map<string, Promise<TraineeAttempts>>();
  /** The trainees whose attempts have been read, by id. */
  private readonly resident = new Map<string, TraineeAttempts>();
  /** Saves under way per trainee, counted from the call on: such a trainee is never let go. */
  private readonly saving = new Map<string, number>();
  private readonly idleMs: number;
  private lastRelease = 0;
  /** Full segments still being written whole. */
  private readonly writing = new Set<Promise<void>>();
  /** Full segments are written one at a time (see serial-queue). */
  private readonly compactions = new SerialQueue();
  private readonly now: () => Date;
  private readonly onError: (message: string) => void;

  constructor(
    private readonly dataDir: string,
    private readonly options: AttemptStoreOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
    this.onError = options.onError ?? ((message) => console.error(message));
    this.idleMs = options.traineeIdleMs ?? TRAINEE_IDLE_MS;
  }

  private folder(traineeId: string): string {
    if (!TRAINEE_ID.test(traineeId)) throw new Error(`not a trainee id: ${traineeId}`);
    return path.join(this.dataDir, 'attempts', traineeId);
  }

  private async load(traineeId: string): Promise<TraineeAttempts> {
    const now = this.now().getTime();
    this.releaseIdle(now);
    let entry = this.loaded.get(traineeId);
    if (!entry) {
      entry = this.read(traineeId).then(
        (attempts) => {
          this.resident.set(traineeId, attempts);
          return attempts;
        },
        (error: unknown) => {
          this.loaded.delete(traineeId);
          throw error;
        },
      );
      this.loaded.set(traineeId, entry);
    }
    const attempts = await entry;
    attempts.lastUsed = now;
    return attempts;
  }

  /**
   * Let go of the trainees nobody used for `traineeIdleMs`, so that memory follows the
   * trainees at work rather than everyone since start-up; their files are read again when
   * they come back. Never one with a save under way (which includes opening a new
   * segment) or a full segment still being written: two SegmentFiles on one segment would
   * each count its attempts and could write it whole without the other's. Looked at once a
   * minute at most, on the way into a request.
   */
  private releaseIdle(now: number): void {
    if (now - this.lastRelease < Math.min(this.idleMs / 4, 60_000)) return;
    this.lastRelease = now;
    for (const [traineeId, attempts] of this.resident) {
      if (now - attempts.lastUsed < this.idleMs || this.saving.has(traineeId) || attempts.writing.size > 0) continue;
      attempts.current?.file.close();
      this.resident.delete(traineeId);
      this.loaded.delete(traineeId);
    }
  }

  /** The trainees whose attempts are in memory (for tests and figures). */
  residentTrainees(): string[] {
    return [...this.resident.keys()];
  }

  private async read(traineeId: string): Promise<TraineeAttempts> {
    const names = await readdir(this.folder(traineeId)).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return [] as string[];
      throw error;
    });
    const indexes = [...new Set(names.map((n) => /^(\d{6})\.(?:json|journal)$/.exec(n)?.[1]).filter((n) => n !== undefined))].map(Number).sort((a, b) => a - b);
    const attempts: TraineeAttempts = { summaries: [], stored: new Map(), nextIndex: (indexes.at(-1) ?? -1) + 1, hasFolder: names.length > 0, writing: new Set(), lastUsed: this.now().getTime() };
    for (const index of indexes) {
      const segment = await this.openSegment(traineeId, index, attempts);
      for (const attempt of segment.db.data.attempts) {
        attempts.summaries.push(summarise(attempt));
        attempts.stored.set(attempt.id, JSON.stringify(attempt));
      }
      // A full segment may still have a journal to fold in; only the last segment is filled
      // further (one written by an older version with fewer attempts per file goes on).
      if (segment.db.data.attempts.length >= SEGMENT_SIZE) this.track(segment, attempts);
      else if (index === indexes.at(-1)) attempts.current = segment;
    }
    return attempts;
  }

  private async openSegment(traineeId: string, index: number, attempts: TraineeAttempts): Promise<OpenSegment> {
    const base = String(index).padStart(6, '0');
    const name = `attempts/${traineeId}/${base}`;
    const file = new SegmentFile<Attempt>(path.join(this.folder(traineeId), base), {
      capacity: SEGMENT_SIZE,
      displayName: name,
      stringifyItem: (attempt) => attempts.stored.get(attempt.id) ?? JSON.stringify(attempt),
      onCompactionError: (error) => this.onError(`could not write ${name}.json (its journal keeps every attempt): ${(error as Error).message}`),
      journalIdleMs: this.options.journalIdleMs,
      compactions: this.compactions,
    });
    return { index, file, db: await openLow(file, { attempts: [] }, isSegment, `${name}.json`) };
  }

  /** Keep track of a segment being written whole, until it is written. */
  private track(segment: OpenSegment, attempts: TraineeAttempts): void {
    const written = segment.file.settled();
    this.writing.add(written);
    attempts.writing.add(written);
    void written.finally(() => {
      this.writing.delete(written);
      attempts.writing.delete(written);
    });
  }

  async add(traineeId: string, scenario: ScenarioModel, submission: Submission, result: GradeResult): Promise<Attempt> {
    // Counted before the first wait: the trainee must not be let go between here and the save.
    this.saving.set(traineeId, (this.saving.get(traineeId) ?? 0) + 1);
    try {
      return await this.addNow(traineeId, scenario, submission, result);
    } finally {
      const left = (this.saving.get(traineeId) ?? 1) - 1;
      if (left === 0) this.saving.delete(traineeId);
      else this.saving.set(traineeId, left);
    }
  }

  private async addNow(traineeId: string, scenario: ScenarioModel, submission: Submission, result: GradeResult): Promise<Attempt> {
    const attempts = await this.load(traineeId);
    const attempt: Attempt = { id: randomId(9), traineeId, scenarioId: scenario.id, submittedAt: this.now().toISOString(), submission, result: compactResult(result, scenario) };
    let segment = attempts.current;
    // Re-checked after every wait: saves that arrived together fill one segment, then the next.
    while (!segment || segment.db.data.attempts.length >= SEGMENT_SIZE) segment = await this.nextSegment(traineeId, attempts);
    attempts.stored.set(attempt.id, JSON.stringify(attempt));
    segment.db.data.attempts.push(attempt);
    try {
      // lowdb's write, done synchronously by the adapter (see segment-file), so that a
      // failed save is taken back before any other save can join it.
      segment.file.save(segment.db.data);
    } catch (error) {
      // Not on disk, so not kept: the trainee is told it failed, and never sees it listed.
      segment.db.data.attempts.pop();
      attempts.stored.delete(attempt.id);
      throw error;
    }
    attempts.summaries.push(summarise(attempt));
    if (segment.db.data.attempts.length >= SEGMENT_SIZE) {
      this.track(segment, attempts);
      if (attempts.current === segment) attempts.current = undefined;
    }
    return attempt;
  }

  private nextSegment(traineeId: string, attempts: TraineeAttempts): Promise<OpenSegment> {
    // `current` is never full: add() lets go of a segment as soon as it fills.
    if (attempts.current) return Promise.resolve(attempts.current);
    attempts.opening ??= (async () => {
      if (!attempts.hasFolder) mkdirSync(this.folder(traineeId), { recursive: true });
      attempts.hasFolder = true;
      const segment = await this.openSegment(traineeId, attempts.nextIndex, attempts);
      // Should opening ahead fail, the first append opens the journal itself and reports why.
      await segment.file.openJournal().catch(() => undefined);
      attempts.nextIndex += 1;
      attempts.current = segment;
      return segment;
    })().finally(() => {
      attempts.opening = undefined;
    });
    return attempts.opening;
  }

  /** Resolves once every full segment has been written whole (tests, shutdown). */
  async settled(): Promise<void> {
    while (this.writing.size > 0) await Promise.all(this.writing);
  }

  /** The trainee's attempts, oldest first, as lists show them. */
  async list(traineeId: string): Promise<AttemptSummary[]> {
    return [...(await this.load(traineeId)).summaries];
  }

  /** The attempt, if it is this trainee's. */
  async get(traineeId: string, attemptId: string): Promise<Attempt | undefined> {
    if (!ATTEMPT_ID.test(attemptId)) return undefined;
    const json = (await this.load(traineeId)).stored.get(attemptId);
    return json === undefined ? undefined : (JSON.parse(json) as Attempt);
  }
}
