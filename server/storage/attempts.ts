/**
 * Attempts, one folder per trainee and one lowdb file per segment of attempts. Saving
 * rewrites only the current segment, so its cost depends neither on other trainees'
 * attempts nor on how many this trainee made before. A trainee's attempts are read once
 * and then served from memory.
 */
import { randomBytes } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import path from 'node:path';

import type { GradeResult } from '../grader/types';
import type { Submission } from '../grader/submission';
import type { ScenarioModel } from '../scenarios/model';
import { compactResult, expandResult, type StoredResult } from './compact-result';
import { openJsonFile, type JsonFile } from './json-file';
import { TRAINEE_ID } from './trainees';

export const SEGMENT_SIZE = 10;
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

/** The attempt with its full grading record, as the grader returned it. */
export function expandAttempt(attempt: Attempt, scenario: ScenarioModel | undefined): Omit<Attempt, 'result'> & { result: GradeResult } {
  return { ...attempt, result: expandResult(attempt.result, scenario) };
}

interface Segment {
  attempts: Attempt[];
}

const isSegment = (data: unknown): data is Segment => typeof data === 'object' && data !== null && Array.isArray((data as Segment).attempts);

/** Each attempt is turned into JSON once; saving a segment then only joins the pieces. */
const attemptJson = new WeakMap<Attempt, string>();
function stringifySegment(segment: Segment): string {
  const parts = segment.attempts.map((attempt) => {
    let json = attemptJson.get(attempt);
    if (json === undefined) attemptJson.set(attempt, (json = JSON.stringify(attempt)));
    return json;
  });
  return `{"attempts":[${parts.join(',')}]}`;
}

interface TraineeAttempts {
  segments: Array<JsonFile<Segment>>;
  byId: Map<string, Attempt>;
  all: Attempt[];
  /** The next segment while it is being opened, so concurrent saves share it. */
  opening?: Promise<JsonFile<Segment>>;
}

export class AttemptStore {
  private readonly loaded = new Map<string, Promise<TraineeAttempts>>();

  constructor(
    private readonly dataDir: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private folder(traineeId: string): string {
    if (!TRAINEE_ID.test(traineeId)) throw new Error(`not a trainee id: ${traineeId}`);
    return path.join(this.dataDir, 'attempts', traineeId);
  }

  private load(traineeId: string): Promise<TraineeAttempts> {
    let entry = this.loaded.get(traineeId);
    if (!entry) {
      entry = this.read(traineeId).catch((error) => {
        this.loaded.delete(traineeId);
        throw error;
      });
      this.loaded.set(traineeId, entry);
    }
    return entry;
  }

  private async read(traineeId: string): Promise<TraineeAttempts> {
    const folder = this.folder(traineeId);
    const names = await readdir(folder).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return [] as string[];
      throw error;
    });
    const segmentNames = names.filter((n) => /^\d{6}\.json$/.test(n)).sort();
    const segments = await Promise.all(segmentNames.map((n) => openJsonFile(path.join(folder, n), { attempts: [] }, isSegment, `attempts/${traineeId}/${n}`, stringifySegment)));
    const all = segments.flatMap((s) => s.data.attempts);
    return { segments, all, byId: new Map(all.map((a) => [a.id, a])) };
  }

  async add(traineeId: string, scenario: ScenarioModel, submission: Submission, result: GradeResult): Promise<Attempt> {
    const attempts = await this.load(traineeId);
    const attempt: Attempt = { id: randomBytes(9).toString('base64url'), traineeId, scenarioId: scenario.id, submittedAt: this.now().toISOString(), submission, result: compactResult(result, scenario) };
    let segment = attempts.segments[attempts.segments.length - 1];
    // Re-checked after every wait: saves that arrived together fill one segment, then the next.
    while (!segment || segment.data.attempts.length >= SEGMENT_SIZE) segment = await this.nextSegment(traineeId, attempts);
    segment.data.attempts.push(attempt);
    attempts.all.push(attempt);
    attempts.byId.set(attempt.id, attempt);
    await segment.write();
    return attempt;
  }

  private nextSegment(traineeId: string, attempts: TraineeAttempts): Promise<JsonFile<Segment>> {
    const last = attempts.segments[attempts.segments.length - 1];
    if (last && last.data.attempts.length < SEGMENT_SIZE && !attempts.opening) return Promise.resolve(last);
    attempts.opening ??= (async () => {
      const name = `${String(attempts.segments.length).padStart(6, '0')}.json`;
      const segment = await openJsonFile(path.join(this.folder(traineeId), name), { attempts: [] }, isSegment, `attempts/${traineeId}/${name}`, stringifySegment);
      attempts.segments.push(segment);
      return segment;
    })().finally(() => {
      attempts.opening = undefined;
    });
    return attempts.opening;
  }

  async list(traineeId: string): Promise<Attempt[]> {
    return [...(await this.load(traineeId)).all];
  }

  /** The attempt, if it is this trainee's. */
  async get(traineeId: string, attemptId: string): Promise<Attempt | undefined> {
    if (!ATTEMPT_ID.test(attemptId)) return undefined;
    return (await this.load(traineeId)).byId.get(attemptId);
  }
}
