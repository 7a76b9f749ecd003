/** The trainer's dashboard as data for its page: the roster sorted as asked, sparklines, the heat map. */
import type { CohortReport, TraineeRow } from '../../classroom/report';
import type { ScenarioModel } from '../../scenarios/model';

export const ROSTER_SORTS = ['name', 'attempts', 'mean', 'last'] as const;
export type RosterSort = (typeof ROSTER_SORTS)[number];

export function readSort(sort: unknown, dir: unknown): { sort: RosterSort; dir: 'asc' | 'desc' } {
  const chosen = ROSTER_SORTS.find((s) => s === sort) ?? 'name';
  return {
    sort: chosen,
    dir: dir === 'desc' ? 'desc' : dir === 'asc' ? 'asc' : chosen === 'name' ? 'asc' : 'desc',
  };
}

export function sortRoster(rows: readonly TraineeRow[], sort: RosterSort, dir: 'asc' | 'desc'): TraineeRow[] {
  const key = (r: TraineeRow): string | number => {
    switch (sort) {
      case 'name':
        return r.username.toLocaleLowerCase('en');
      case 'attempts':
        return r.attempts;
      case 'mean':
        return r.meanScore ?? -1;
      case 'last':
        return r.lastActive ?? '';
    }
  };
  const sign = dir === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const [x, y] = [key(a), key(b)];
    return (x < y ? -1 : x > y ? 1 : 0) * sign || a.username.localeCompare(b.username);
  });
}

export interface Sparkline {
  width: number;
  height: number;
  points: string;
  label: string;
}

/** A small line of recent scores, oldest first (0–100 %), drawn on the server. */
export function sparkline(scores: readonly number[], width = 100, height = 24): Sparkline | undefined {
  if (scores.length === 0) return undefined;
  const step = scores.length === 1 ? 0 : (width - 4) / (scores.length - 1);
  const points = scores
    .map((s, i) => `${Math.round(2 + i * step)},${Math.round(height - 2 - (s / 100) * (height - 4))}`)
    .join(' ');
  return {
    width,
    height,
    points: scores.length === 1 ? `${points} ${width - 2},${points.split(',')[1]}` : points,
    label: `recent scores: ${scores.map((s) => `${s}%`).join(', ')}`,
  };
}

/** The band a best score falls in, for the heat map's colour (the number is always printed too). */
export function scoreBand(score: number | undefined): 'none' | 'low' | 'mid' | 'high' | 'full' {
  if (score === undefined) return 'none';
  if (score >= 100) return 'full';
  if (score >= 80) return 'high';
  if (score >= 50) return 'mid';
  return 'low';
}

export interface HeatMap {
  scenarios: Array<{ id: string; title: string }>;
  rows: Array<{
    userId: string;
    username: string;
    cells: Array<{ score?: number; band: ReturnType<typeof scoreBand> }>;
  }>;
}

/** Scenarios anyone in the class tried (hardest first), against every trainee. */
export function heatMap(
  report: CohortReport,
  roster: readonly TraineeRow[],
  scenarios: ReadonlyMap<string, ScenarioModel>,
): HeatMap {
  const columns = report.scenarios.map((s) => ({
    id: s.scenarioId,
    title: scenarios.get(s.scenarioId)?.title ?? s.scenarioId,
  }));
  return {
    scenarios: columns,
    rows: roster.map((t) => ({
      userId: t.userId,
      username: t.username,
      cells: columns.map((c) => {
        const score = report.best[t.userId]?.[c.id];
        return { score, band: scoreBand(score) };
      }),
    })),
  };
}

export const ROSTER_HEADER = [
  'username',
  'claimed',
  'attempts',
  'scenarios_attempted',
  'mean_score',
  'best_score',
  'claim_ready',
  'last_active',
];
