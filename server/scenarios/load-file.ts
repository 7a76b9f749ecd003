/**
 * Reads one scenario file and reports every problem in it, each with its line,
 * column and field path. Never throws for a bad file: problems are data.
 */
import { readFile, stat } from 'node:fs/promises';
import type { CodeSets } from '../codesets/code-sets';
import { codeSetProblems } from './codeset-checks';
import { toModel, type ScenarioModel } from './model';
import { formatOf, parseSource, type Position, type SourceFormat } from './parse-source';
import { formatPath, problemMessage, type ScenarioProblem } from './problems';
import { diagnosisSchema, distractorSchema, procedureSchema, scenarioSchema } from './schema';
import { schemaProblems, type PathProblem } from './schema-issues';
import { semanticProblems, type PartialScenario } from './semantic-checks';

export const MAX_SCENARIO_BYTES = 1024 * 1024;

export interface FileLoadResult {
  file: string;
  scenario: ScenarioModel | null;
  problems: ScenarioProblem[];
  /** The id as written and where, so the library can report duplicates across files. */
  id?: { value: string; position: Position };
  /**
   * Where the report's text begins in the file: for a block scalar (`text: |`), the first
   * line of its content (so report line n is file line `line + n - 1`, at column `col`);
   * otherwise the `text:` key. Tools use it to point into the report.
   */
  reportText?: Position & { block: boolean };
}

export interface LoadOptions {
  /** Check codes against these official code sets too (validate does; the server does not). */
  codeSets?: CodeSets;
}

export function loadScenarioText(text: string, file: string, format: SourceFormat, options: LoadOptions = {}): FileLoadResult {
  const parsed = parseSource(text.replace(/^\uFEFF/, ''), format);
  if (!parsed.ok) {
    return {
      file,
      scenario: null,
      problems: parsed.problems.map((p) => ({ problem: 'syntax-error', file, line: p.line, col: p.col, path: '', message: problemMessage('syntax-error', { format, reason: p.reason }) })),
    };
  }
  const { data, locate } = parsed;
  const place = (p: PathProblem): ScenarioProblem => ({ problem: p.problem, file, ...locate(p.path, { key: p.atKey }), path: formatPath(p.path), message: p.message });

  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    const found = data === null || data === undefined ? 'an empty file' : Array.isArray(data) ? 'a list' : `a single value (${typeof data})`;
    return { file, scenario: null, problems: [{ problem: 'not-a-scenario', file, ...locate([]), path: '', message: problemMessage('not-a-scenario', { found }) }] };
  }
  const rawId = (data as Record<string, unknown>).id;
  const id = typeof rawId === 'string' ? { value: rawId, position: locate(['id']) } : undefined;

  const result = scenarioSchema.safeParse(data);
  if (!result.success) {
    // Every problem of the file at once: the checks that compare fields also run on the
    // parts whose shape is right.
    const problems = [...schemaProblems(result.error.issues, data), ...semanticProblems(partialScenario(data as Record<string, unknown>))];
    return { file, scenario: null, id, problems: sortByPosition(problems.map(place)) };
  }

  const semantic = semanticProblems(result.data);
  if (semantic.length === 0 && options.codeSets) semantic.push(...codeSetProblems(result.data, options.codeSets));
  if (semantic.length > 0) return { file, scenario: null, id, problems: sortByPosition(semantic.map(place)) };
  return { file, scenario: toModel(result.data, file), id, problems: [], reportText: reportTextStart(text, locate) };
}

function reportTextStart(
  text: string,
  locate: (path: ReadonlyArray<string | number>, options?: { key?: boolean }) => Position,
): Position & { block: boolean } {
  const key = locate(['report', 'text'], { key: true });
  const lines = text.split(/\r?\n/);
  const block = /^text:\s*[|>]/.test((lines[key.line - 1] ?? '').slice(key.col - 1));
  if (!block) return { ...key, block };
  const first = lines[key.line] ?? '';
  return { line: key.line + 1, col: first.length - first.trimStart().length + 1, block };
}

export async function loadScenarioFile(absolutePath: string, file: string, options: LoadOptions = {}): Promise<FileLoadResult> {
  const unreadable = (reason: string): FileLoadResult => ({
    file,
    scenario: null,
    problems: [{ problem: 'unreadable-file', file, line: 1, col: 1, path: '', message: problemMessage('unreadable-file', { reason }) }],
  });
  try {
    const info = await stat(absolutePath);
    if (!info.isFile()) return unreadable('it is not a regular file');
    if (info.size > MAX_SCENARIO_BYTES) return unreadable(`it is ${info.size} bytes, more than the ${MAX_SCENARIO_BYTES}-byte limit`);
    const buffer = await readFile(absolutePath);
    const text = new TextDecoder('utf-8', { fatal: true }).decode(buffer);
    return loadScenarioText(text, file, formatOf(absolutePath), options);
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    if (e.code === 'ERR_ENCODING_INVALID_ENCODED_DATA') return unreadable('it is not valid UTF-8 text (save it as UTF-8)');
    return unreadable(e.code ? `${e.code}: ${e.message}` : e.message);
  }
}

/** The parts of a scenario that pass the schema, list entries keeping their indices. */
function partialScenario(data: Record<string, unknown>): PartialScenario {
  const valid = <T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } }, value: unknown): T | undefined => {
    const parsed = schema.safeParse(value);
    return parsed.success ? parsed.data : undefined;
  };
  const entries = <T>(schema: Parameters<typeof valid<T>>[0], list: unknown): T[] => {
    const kept: T[] = [];
    if (Array.isArray(list)) list.forEach((item, i) => {
      const entry = valid<T>(schema, item);
      if (entry !== undefined) kept[i] = entry;
    });
    return kept;
  };
  const report = (data.report ?? {}) as Record<string, unknown>;
  const key = (data.answerKey ?? {}) as Record<string, unknown>;
  return {
    setting: valid(scenarioSchema.shape.setting, data.setting),
    report: { text: typeof report.text === 'string' ? report.text : undefined, dateOfService: typeof report.dateOfService === 'string' ? report.dateOfService : undefined },
    answerKey: { diagnoses: entries(diagnosisSchema, key.diagnoses), procedures: entries(procedureSchema, key.procedures), distractors: entries(distractorSchema, key.distractors) },
  };
}

function sortByPosition(problems: ScenarioProblem[]): ScenarioProblem[] {
  return problems.sort((a, b) => a.line - b.line || a.col - b.col);
}
