/**
 * The trainer's view of a class: per trainee (attempts, scenarios tried, mean and best
 * scores, claim-ready count, last active) and per scenario (attempts, mean score,
 * claim-ready rate, the wrong codes trainees most often submit with their kinds — the item
 * analysis that tells an instructor what to teach next). Built from the running totals the
 * store keeps, so its cost follows class size times scenarios, not the number of attempts.
 */
import type { ScenarioStats, User } from '../store/records';

export interface TraineeRow {
  userId: string;
  username: string;
  /** False for an account from the name-only version that nobody has set a password for. */
  claimed: boolean;
  attempts: number;
  scenariosAttempted: number;
  meanScore?: number;
  bestScore?: number;
  claimReady: number;
  lastActive?: string;
}

export interface ItemCount {
  kind: string;
  code?: string;
  count: number;
}

export interface ScenarioRow {
  scenarioId: string;
  title: string;
  attempts: number;
  trainees: number;
  meanScore?: number;
  claimReadyRate?: number;
  /** The codes most often submitted wrongly, with the kind of mistake (missing codes are not submitted). */
  wrongCodes: ItemCount[];
  /** Mistakes by kind, most frequent first. */
  kinds: ItemCount[];
}

export interface CohortReport {
  trainees: TraineeRow[];
  scenarios: ScenarioRow[];
  /** Best score by trainee and scenario (undefined: not tried), for the heat map. */
  best: Record<string, Record<string, number>>;
}

const round = (n: number) => Math.round(n * 10) / 10;
const TOP = 5;

export function cohortReport(
  members: readonly User[],
  stats: ReadonlyMap<string, readonly ScenarioStats[]>,
  titleOf: (scenarioId: string) => string,
): CohortReport {
  const trainees: TraineeRow[] = [];
  const best: Record<string, Record<string, number>> = {};
  const byScenario = new Map<
    string,
    {
      attempts: number;
      sumPercent: number;
      claimReady: number;
      trainees: number;
      mistakes: Map<string, number>;
    }
  >();
  for (const user of members) {
    const mine = stats.get(user.id) ?? [];
    const attempts = mine.reduce((n, s) => n + s.attempts, 0);
    const sum = mine.reduce((n, s) => n + s.sumPercent, 0);
    best[user.id] = Object.fromEntries(mine.map((s) => [s.scenarioId, s.best]));
    trainees.push({
      userId: user.id,
      username: user.username,
      claimed: user.passwordHash !== null,
      attempts,
      scenariosAttempted: mine.length,
      meanScore: attempts > 0 ? round(sum / attempts) : undefined,
      bestScore: mine.length > 0 ? Math.max(...mine.map((s) => s.best)) : undefined,
      claimReady: mine.reduce((n, s) => n + s.claimReady, 0),
      lastActive: mine.reduce<string | undefined>(
        (last, s) => (!last || s.lastAt > last ? s.lastAt : last),
        undefined,
      ),
    });
    for (const s of mine) {
      const row = byScenario.get(s.scenarioId) ?? {
        attempts: 0,
        sumPercent: 0,
        claimReady: 0,
        trainees: 0,
        mistakes: new Map<string, number>(),
      };
      row.attempts += s.attempts;
      row.sumPercent += s.sumPercent;
      row.claimReady += s.claimReady;
      row.trainees += 1;
      for (const [key, count] of Object.entries(s.mistakes))
        row.mistakes.set(key, (row.mistakes.get(key) ?? 0) + count);
      byScenario.set(s.scenarioId, row);
    }
  }
  const scenarios: ScenarioRow[] = [...byScenario].map(([scenarioId, row]) => {
    const kinds = new Map<string, number>();
    const wrongCodes: ItemCount[] = [];
    for (const [key, count] of row.mistakes) {
      const bar = key.indexOf('|');
      const kind = key.slice(0, bar);
      const code = key.slice(bar + 1);
      kinds.set(kind, (kinds.get(kind) ?? 0) + count);
      if (code !== '' && kind !== 'missing') wrongCodes.push({ kind, code, count });
    }
    const byCount = (a: ItemCount, b: ItemCount) =>
      b.count - a.count || (a.code ?? a.kind).localeCompare(b.code ?? b.kind);
    return {
      scenarioId,
      title: titleOf(scenarioId),
      attempts: row.attempts,
      trainees: row.trainees,
      meanScore: round(row.sumPercent / row.attempts),
      claimReadyRate: round((100 * row.claimReady) / row.attempts),
      wrongCodes: wrongCodes.sort(byCount).slice(0, TOP),
      kinds: [...kinds].map(([kind, count]) => ({ kind, count })).sort(byCount),
    };
  });
  scenarios.sort(
    (a, b) =>
      (a.meanScore ?? 0) - (b.meanScore ?? 0) ||
      b.attempts - a.attempts ||
      a.scenarioId.localeCompare(b.scenarioId),
  );
  return { trainees, scenarios, best };
}
