/**
 * Practice attempts: grade, store with the scenario version they were graded against, and
 * read back as the result page shows them. A stored attempt renders the same result page
 * forever, even after the trainer edits or removes the scenario: its version is kept
 * (once per version) and the result is expanded against it, not against the current file.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { GradeResult } from '../grader/types';
import type { Submission } from '../grader/submission';
import type { ScenarioModel, ScenarioSnapshot } from '../scenarios/model';
import type { Attempt } from '../store/records';
import type { Store } from '../store/store';
import { compactResult, expandResult, type StoredResult } from './compact-result';

/** JSON with keys in sorted order: the same scenario gives the same text whatever order its file used. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

export function snapshotOf(scenario: ScenarioModel): ScenarioSnapshot {
  const { file: _file, ...snapshot } = scenario;
  return snapshot;
}

const versions = new WeakMap<ScenarioModel, string>();

/** A short hash of what a scenario says (its file path aside): equal versions grade and render alike. */
export function scenarioVersion(scenario: ScenarioModel): string {
  let version = versions.get(scenario);
  if (!version) {
    version = createHash('sha256')
      .update(canonicalJson(snapshotOf(scenario)))
      .digest('hex')
      .slice(0, 16);
    versions.set(scenario, version);
  }
  return version;
}

/**
 * Attempt ids: 32 hex digits (122 random bits), never beginning with a character a
 * spreadsheet reads as a formula. randomUUID draws from an entropy cache Node refills in
 * bulk, where a randomBytes call per id went to the system's generator every time.
 */
export const newAttemptId = () => randomUUID().replaceAll('-', '');

export interface ExpandedAttempt extends Omit<Attempt, 'result'> {
  result: GradeResult;
}

export interface AttemptView {
  attempt: ExpandedAttempt;
  /** The scenario as it was graded (undefined for an attempt older than versions, whose scenario is gone). */
  scenario?: ScenarioSnapshot;
  /** The scenario has changed (or was removed) since: the page says so and offers the new version. */
  changed: boolean;
  current?: ScenarioModel;
}

export interface RecordOptions {
  /** The exam the attempt was graded for. */
  examId?: string;
  /** A fixed id, so that an exam's scenario is stored once however often its grading is retried. */
  id?: string;
  /** When it was submitted, if not now (an exam's scenarios: when the exam ended). */
  submittedAt?: string;
}

export class Practice {
  /** Versions known to be stored, so each is written once per process. */
  private readonly stored = new Set<string>();

  constructor(
    private readonly store: Store,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async record(
    userId: string,
    scenario: ScenarioModel,
    submission: Submission,
    result: GradeResult,
    options: RecordOptions = {},
  ): Promise<Attempt> {
    const version = scenarioVersion(scenario);
    const key = `${scenario.id}|${version}`;
    if (!this.stored.has(key)) {
      await this.store.saveScenarioVersion({
        scenarioId: scenario.id,
        version,
        snapshot: snapshotOf(scenario) as unknown as Record<string, unknown>,
      });
      this.stored.add(key);
    }
    const attempt: Attempt = {
      id: options.id ?? newAttemptId(),
      userId,
      scenarioId: scenario.id,
      scenarioVersion: version,
      submittedAt: options.submittedAt ?? this.clock().toISOString(),
      submission,
      result: compactResult(result, scenario) as StoredResult,
    };
    if (options.examId) attempt.examId = options.examId;
    await this.store.addAttempt(attempt);
    return attempt;
  }

  /** The attempt as its result page shows it, with the scenario it was graded against. */
  async view(attempt: Attempt, current: ScenarioModel | undefined): Promise<AttemptView> {
    let scenario: ScenarioSnapshot | undefined;
    if (attempt.scenarioVersion) {
      const kept =
        current && scenarioVersion(current) === attempt.scenarioVersion
          ? snapshotOf(current)
          : (await this.store.getScenarioVersion(attempt.scenarioId, attempt.scenarioVersion))?.snapshot;
      scenario = kept as ScenarioSnapshot | undefined;
    }
    // Attempts from before versions were kept are shown against the scenario as it is now.
    scenario ??= current;
    const changed =
      attempt.scenarioVersion !== undefined &&
      (!current || scenarioVersion(current) !== attempt.scenarioVersion);
    return {
      attempt: {
        ...attempt,
        result: expandResult(attempt.result as Parameters<typeof expandResult>[0], scenario),
      },
      scenario,
      changed,
      current,
    };
  }
}
