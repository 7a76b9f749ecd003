/**
 * A trainee's progress: scores over time, mistakes by kind, and mastery by setting and
 * code system, as data for the SVG charts the server draws.
 */
import { countBy } from '../../count-by';
import { systemsOf, type ScenarioModel } from '../../scenarios/model';
import type { AttemptSummary } from '../../storage/attempts';

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
  const yTicks = [0, 25, 50, 75, 100].map((v) => ({ y: Math.round(PAD.top + innerH - (v / 100) * innerH), label: `${v}%` }));
  return { width, height, points, path, yTicks };
}

export function mistakesByKind(attempts: readonly AttemptSummary[], width = 640, barHeight = 22): BarChart {
  const entries = [...countBy(attempts, (a) => a.mistakes)].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const max = Math.max(1, ...entries.map(([, c]) => c));
  const labelWidth = 130;
  const innerW = width - labelWidth - 50;
  return {
    width,
    height: Math.max(1, entries.length) * (barHeight + 8) + 8,
    bars: entries.map(([label, count], i) => ({ x: labelWidth, y: 8 + i * (barHeight + 8), width: Math.max(2, Math.round((count / max) * innerW)), height: barHeight, label, count })),
  };
}

export function mastery(scenarios: readonly ScenarioModel[], attempts: readonly AttemptSummary[]): MasteryRow[] {
  const best = new Map<string, { percent: number; claimReady: boolean }>();
  for (const a of attempts) {
    const prior = best.get(a.scenarioId);
    best.set(a.scenarioId, { percent: Math.max(prior?.percent ?? 0, a.score.percent), claimReady: (prior?.claimReady ?? false) || a.claimReady });
  }
  const groups = new Map<string, ScenarioModel[]>();
  const add = (group: string, s: ScenarioModel) => {
    const members = groups.get(group);
    if (members) members.push(s);
    else groups.set(group, [s]);
  };
  for (const s of scenarios) {
    add(s.setting === 'inpatient' ? 'Inpatient' : 'Outpatient', s);
    for (const system of systemsOf(s)) add(system, s);
  }
  return [...groups].map(([group, members]) => {
    const tried = members.filter((s) => best.has(s.id));
    const averageBest = tried.length > 0 ? Math.round(tried.reduce((sum, s) => sum + (best.get(s.id)?.percent ?? 0), 0) / tried.length) : undefined;
    return { group, scenarios: members.length, attempted: tried.length, claimReady: tried.filter((s) => best.get(s.id)?.claimReady).length, averageBest };
  });
}

/** One row per attempt. Cells that a spreadsheet would run as a formula are quoted as text. */
export function historyCsv(attempts: readonly AttemptSummary[], titleOf: (id: string) => string): string {
  const cell = (value: string | number | boolean) => {
    let text = String(value);
    if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
    return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const header = ['attempt', 'submitted_at', 'scenario_id', 'scenario_title', 'earned', 'possible', 'percent', 'claim_ready', 'mistakes'];
  const rows = attempts.map((a) => {
    const mistakes = [...countBy([a], (one) => one.mistakes)].map(([k, n]) => `${k}:${n}`).join(' ');
    return [a.id, a.submittedAt, a.scenarioId, titleOf(a.scenarioId), a.score.earned, a.score.possible, a.score.percent, a.claimReady, mistakes].map(cell).join(',');
  });
  return `${[header.join(','), ...rows].join('\r\n')}\r\n`;
}
