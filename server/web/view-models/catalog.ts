/** The catalogue: every scenario with the trainee's best score and status, filtered as asked. */
import { systemsOf, type ScenarioModel } from '../../scenarios/model';
import type { ScenarioStats } from '../../store/records';

export type ScenarioStatus = 'new' | 'attempted' | 'claim-ready';

export interface CatalogRow {
  scenario: ScenarioModel;
  systems: string[];
  best?: number;
  attempts: number;
  status: ScenarioStatus;
}

export interface CatalogFilters {
  q: string;
  setting: string;
  specialty: string;
  difficulty: string;
  system: string;
  tag: string;
  status: string;
}

const FILTER_NAMES: Array<keyof CatalogFilters> = [
  'q',
  'setting',
  'specialty',
  'difficulty',
  'system',
  'tag',
  'status',
];

export function readFilters(query: Record<string, unknown>): CatalogFilters {
  const filters = {} as CatalogFilters;
  for (const name of FILTER_NAMES) {
    const value = query[name];
    filters[name] = typeof value === 'string' ? value.trim().slice(0, 100) : '';
  }
  return filters;
}

/** Rows of the practice library (exam-only scenarios are never listed), with the trainee's running totals. */
export function catalogRows(
  scenarios: readonly ScenarioModel[],
  stats: readonly ScenarioStats[],
): CatalogRow[] {
  const byScenario = new Map(stats.map((s) => [s.scenarioId, s]));
  return scenarios
    .filter((scenario) => scenario.visibility !== 'exam')
    .map((scenario) => {
      const mine = byScenario.get(scenario.id);
      const status: ScenarioStatus = mine && mine.claimReady > 0 ? 'claim-ready' : mine ? 'attempted' : 'new';
      return {
        scenario,
        systems: systemsOf(scenario),
        best: mine?.best,
        attempts: mine?.attempts ?? 0,
        status,
      };
    });
}

export function applyFilters(rows: CatalogRow[], f: CatalogFilters): CatalogRow[] {
  const words = f.q.toLowerCase().split(/\s+/).filter(Boolean);
  return rows.filter(({ scenario: s, systems, status }) => {
    if (f.setting && s.setting !== f.setting) return false;
    if (f.specialty && s.specialty !== f.specialty) return false;
    if (f.difficulty && String(s.difficulty) !== f.difficulty) return false;
    if (f.system && !systems.includes(f.system)) return false;
    if (f.tag && !s.tags.includes(f.tag)) return false;
    if (f.status && status !== f.status) return false;
    if (words.length > 0) {
      const text = [s.title, s.summary ?? '', s.encounter, s.specialty, s.report.type, ...s.tags]
        .join(' ')
        .toLowerCase();
      if (!words.every((w) => text.includes(w))) return false;
    }
    return true;
  });
}

/** The values each filter offers, from the library itself. */
export function filterOptions(rows: CatalogRow[]) {
  const sorted = (values: Iterable<string>) => [...new Set(values)].sort((a, b) => a.localeCompare(b));
  return {
    settings: ['outpatient', 'inpatient'],
    specialties: sorted(rows.map((r) => r.scenario.specialty)),
    difficulties: ['1', '2', '3', '4', '5'],
    systems: sorted(rows.flatMap((r) => r.systems)),
    tags: sorted(rows.flatMap((r) => r.scenario.tags)),
    statuses: ['new', 'attempted', 'claim-ready'],
  };
}
