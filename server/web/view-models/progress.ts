/**
 * A trainee's progress: scores over time, mistakes by kind, and mastery by setting and
 * code system, as data for the SVG charts the server draws.
 */
import { systemsOf, type ScenarioModel } from '../../scenarios/model';
import type { AttemptSummary, ScenarioStats } from '../../store/records';

export interface LinePoint {
  x: number;
  y: number;
  label: string;
}

export interface LineChart {
  width: number;
  height: number;
  points: LinePoint[];
  path: string;
  yTicks: Array<{ y: number; label: string }>;
}

export interface BarChart {
  width: number;
  height: number;
  bars: Array<{ x: number; y: number; width: number; height: number; label: string; count: number }>;
}

export interface MasteryRow {
  group: string;
  scenarios: number;
  attempted: number;
  claimReady: number;
  averageBest?: number;
}

const PAD = { left: 40, right: 12, top: 12, bottom: 28 };

export function scoreLine(attempts: readonly AttemptSummary[], width = 640, height = 240): LineChart {
  const innerW = width - PAD.left - PAD.right;
  const innerH = height - PAD.top - PAD.bottom;
  const n = attempts.length;
  const points = attempts.map((a, i) => ({
    x: Math.round(PAD.left + (n === 1 ? innerW / 2 : (i / (n - 1)) * innerW)),
    y: Math.round(PAD.top + innerH - (a.score.percent / 100) * innerH),
    label: `${a.submittedAt.slice(0, 10)} ${a.scenarioId}: ${a.score.percent}%`,
  }));
  const path = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x} ${p.y}`).join(' ');
  const yTicks = [0, 25, 50, 75, 100].map((v) => ({
    y: Math.round(PAD.top + innerH - (v / 100) * innerH),
    label: `${v}%`,
  }));
  return { width, height, points, path, yTicks };
}

/** Mistakes by kind over every practice attempt, from the running totals (`kind|code` counts). */
export function mistakeKinds(stats: readonly ScenarioStats[]): Map<string, number> {
  const kinds = new Map<string, number>();
  for (const s of stats)
    for (const [key, count] of Object.entries(s.mistakes)) {
      const kind = key.slice(0, key.indexOf('|'));
      kinds.set(kind, (kinds.get(kind) ?? 0) + count);
    }
  return kinds;
}

export function mistakesByKind(
  stats: readonly ScenarioStats[],
  label: (kind: string) => string = (k) => k,
  width = 640,
  barHeight = 22,
): BarChart {
  const entries = [...mistakeKinds(stats)].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const max = Math.max(1, ...entries.map(([, c]) => c));
  const labelWidth = 150;
  const innerW = width - labelWidth - 50;
  return {
    width,
    height: Math.max(1, entries.length) * (barHeight + 8) + 8,
    bars: entries.map(([kind, count], i) => ({
      x: labelWidth,
      y: 8 + i * (barHeight + 8),
      width: Math.max(2, Math.round((count / max) * innerW)),
      height: barHeight,
      label: label(kind),
      count,
    })),
  };
}

export function mastery(scenarios: readonly ScenarioModel[], stats: readonly ScenarioStats[]): MasteryRow[] {
  const best = new Map(stats.map((s) => [s.scenarioId, s]));
  const groups = new Map<string, ScenarioModel[]>();
  const add = (group: string, s: ScenarioModel) => groups.set(group, [...(groups.get(group) ?? []), s]);
  for (const s of scenarios) {
    if (s.visibility === 'exam') continue;
    add(s.setting === 'inpatient' ? 'Inpatient' : 'Outpatient', s);
    for (const system of systemsOf(s)) add(system, s);
  }
  return [...groups].map(([group, members]) => {
    const tried = members.filter((s) => best.has(s.id));
    const averageBest =
      tried.length > 0
        ? Math.round(tried.reduce((sum, s) => sum + (best.get(s.id)?.best ?? 0), 0) / tried.length)
        : undefined;
    return {
      group,
      scenarios: members.length,
      attempted: tried.length,
      claimReady: tried.filter((s) => (best.get(s.id)?.claimReady ?? 0) > 0).length,
      averageBest,
    };
  });
}

/**
 * A spreadsheet cell. Free text (a title, a name) that a spreadsheet would run as a formula
 * is quoted as text; ids and numbers are written as they are, so they still match links.
 */
export function csvCell(value: string | number | boolean, freeText = false): string {
  let text = String(value);
  if (freeText && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const HISTORY_HEADER = [
  'attempt',
  'submitted_at',
  'scenario_id',
  'scenario_title',
  'earned',
  'possible',
  'percent',
  'claim_ready',
  'mistakes',
];

/** One CSV row per attempt (the file is written page by page, so its cost does not grow with the history). */
export function historyRow(a: AttemptSummary, titleOf: (id: string) => string): string {
  const counts = new Map<string, number>();
  for (const m of a.mistakes) counts.set(m.kind, (counts.get(m.kind) ?? 0) + 1);
  const mistakes = [...counts].map(([k, n]) => `${k}:${n}`).join(' ');
  return [
    csvCell(a.id),
    csvCell(a.submittedAt),
    csvCell(a.scenarioId),
    csvCell(titleOf(a.scenarioId), true),
    ...[a.score.earned, a.score.possible, a.score.percent, a.claimReady, mistakes].map((v) => csvCell(v)),
  ].join(',');
}
