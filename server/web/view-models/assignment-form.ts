/**
 * The new-assignment form: its plain fields read into the API's input (so the page and the
 * API are checked by the same schema), and the choices the form offers. Times come from
 * `datetime-local` fields, which carry no zone: the page's script sends the browser's
 * offset at each of those times beside them (daylight saving may differ between the two);
 * without the script they are read as UTC, and the form says so.
 */
import type { ScenarioModel } from '../../scenarios/model';
import { systemsOf } from '../../scenarios/model';

export const BLUEPRINT_ROWS = 4;

const list = (value: unknown): string[] =>
  Array.isArray(value) ? value.map(String) : typeof value === 'string' ? [value] : [];
const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');
const whole = (value: unknown): number | undefined => {
  const t = text(value);
  return /^\d{1,6}$/.test(t) ? Number(t) : t === '' ? undefined : Number.NaN;
};

/** "2026-12-02T09:30" at a browser offset (minutes, as getTimezoneOffset gives it) as an ISO time; as typed when unreadable. */
export function localTime(value: unknown, offsetMinutes: unknown): string {
  const t = text(value);
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(t);
  if (!match) return t;
  const offset = Number(text(offsetMinutes) || '0');
  const [, y, mo, d, h, mi] = match.map(Number);
  const utc =
    Date.UTC(y, mo - 1, d, h, mi) +
    (Number.isInteger(offset) && Math.abs(offset) <= 14 * 60 ? offset : 0) * 60_000;
  return new Date(utc).toISOString();
}

/** The form's fields as the API's input; blanks are left out so the schema names what is missing. */
export function assignmentFromForm(body: Record<string, unknown>): Record<string, unknown> {
  const input: Record<string, unknown> = {
    title: text(body.title),
    mode: text(body.mode),
    opensAt: localTime(body.opensAt, body.opensAtOffset),
    dueAt: localTime(body.dueAt, body.dueAtOffset),
  };
  const minutes = whole(body.timeLimitMinutes);
  if (input.mode === 'exam' && minutes !== undefined) input.timeLimitMinutes = minutes;
  const pass = whole(body.passPercent);
  if (pass !== undefined) input.passPercent = pass;
  if (text(body.source) === 'blueprint') {
    const counts = list(body.bpCount);
    const settings = list(body.bpSetting);
    const systems = list(body.bpSystem);
    const mins = list(body.bpMin);
    const maxes = list(body.bpMax);
    input.blueprint = counts.flatMap((count, i) => {
      const n = whole(count);
      if (n === undefined || n === 0) return [];
      const row: Record<string, unknown> = { count: n };
      if (text(settings[i])) row.setting = text(settings[i]);
      if (text(systems[i])) row.system = text(systems[i]);
      if (whole(mins[i]) !== undefined) row.minDifficulty = whole(mins[i]);
      if (whole(maxes[i]) !== undefined) row.maxDifficulty = whole(maxes[i]);
      return [row];
    });
  } else
    input.scenarioIds = list(body.scenarioIds)
      .map((id) => id.trim())
      .filter(Boolean);
  return input;
}

export interface ScenarioChoice {
  id: string;
  title: string;
  setting: string;
  systems: string;
  difficulty: number;
  examOnly: boolean;
}

export function scenarioChoices(scenarios: readonly ScenarioModel[]): ScenarioChoice[] {
  return scenarios
    .map((s) => ({
      id: s.id,
      title: s.title,
      setting: s.setting,
      systems: systemsOf(s).join(', '),
      difficulty: s.difficulty,
      examOnly: s.visibility === 'exam',
    }))
    .sort((a, b) => Number(b.examOnly) - Number(a.examOnly) || a.title.localeCompare(b.title));
}

/** An ISO time as the pages show it. */
export const timeLabel = (iso: string) => `${iso.replace('T', ' ').slice(0, 16)} UTC`;
