/**
 * `npm run validate -- [files or folders]`: check scenario files, print every problem
 * as `file:line:col path: message`, then a summary. Exit 0 when all are valid.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { CodeSets } from '../codesets/code-sets';
import { codesetsDir } from '../codesets/index-file';
import { readConfig } from '../config';
import { countBy } from '../count-by';
import { Glossary, GLOSSARY_FOLDER } from '../glossary/glossary';
import { loadGlossaryFile } from '../glossary/load-file';
import { missingAbbreviations } from '../glossary/missing-abbreviations';
import { glossaryProblem, type GlossaryProblem } from '../glossary/problems';
import { coverage, formatCoverage } from '../scenarios/coverage';
import { indexById } from '../scenarios/index-by-id';
import { listScenarioFiles } from '../scenarios/library';
import { loadScenarioFile, type FileLoadResult, type LoadOptions } from '../scenarios/load-file';
import { systemsOf, type ScenarioModel } from '../scenarios/model';
import { formatProblem, type ScenarioProblem } from '../scenarios/problems';
import { parseCommandLine, UsageError } from './args';
import type { CommandIO } from './io';

const USAGE =
  'usage: npm run validate -- [--quiet] [--coverage] [file or folder ...]   (default: SCENARIOS_DIR, ./scenarios)';

export interface ValidationRun {
  results: FileLoadResult[];
  scenarios: ScenarioModel[];
  problems: Array<ScenarioProblem | GlossaryProblem>;
  /** Abbreviations reports use that the glossary lacks: printed, never failing the run. */
  warnings: GlossaryProblem[];
  glossaryEntries: number;
}

const inGlossary = (file: string) => file.split(path.sep).includes(GLOSSARY_FOLDER);

export async function validateTargets(
  targets: string[],
  cwd: string,
  options: LoadOptions & { scenariosDir?: string } = {},
): Promise<ValidationRun> {
  const files = new Set<string>();
  const glossaryFiles = new Set<string>();
  let glossaryFolder: string | undefined;
  const missing: ScenarioProblem[] = [];
  for (const target of targets) {
    const absolute = path.resolve(cwd, target);
    try {
      for (const file of await listScenarioFiles(absolute))
        if (inGlossary(path.relative(cwd, file))) glossaryFiles.add(file);
        else files.add(file);
      const folder = path.join(absolute, GLOSSARY_FOLDER);
      if (await isFolder(folder)) glossaryFolder ??= folder;
    } catch (error) {
      missing.push({
        problem: 'unreadable-file',
        file: target,
        line: 1,
        col: 1,
        path: '',
        message: `cannot read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      });
    }
  }
  const results = await Promise.all(
    [...files].sort().map((file) => loadScenarioFile(file, displayPath(file, cwd), options)),
  );
  const { byId, problems: duplicates } = indexById(results);

  // The glossary of the folder being checked (or of the scenarios folder, for single files).
  const glossaryProblems: GlossaryProblem[] = [];
  for (const file of [...glossaryFiles].sort())
    glossaryProblems.push(...(await loadGlossaryFile(file, displayPath(file, cwd))).problems);
  const checked = glossaryFolder !== undefined;
  glossaryFolder ??= options.scenariosDir && path.join(options.scenariosDir, GLOSSARY_FOLDER);
  const glossary = glossaryFolder ? new Glossary(glossaryFolder) : undefined;
  await glossary?.refresh();
  if (glossary && checked)
    glossaryProblems.push(
      ...glossary.problems().map((p) => ({
        ...p,
        file: displayPath(path.join(glossaryFolder as string, path.basename(p.file)), cwd),
      })),
    );
  const warnings: GlossaryProblem[] = [];
  if (glossary && glossary.entries().length > 0)
    for (const result of results) {
      const scenario = result.scenario;
      if (!scenario || !result.reportText) continue;
      const start = result.reportText;
      for (const m of missingAbbreviations(scenario.report.text, glossary.find(scenario.report.text)))
        warnings.push(
          glossaryProblem(
            'abbreviation-not-in-glossary',
            {
              file: result.file,
              line: start.block ? start.line + m.line - 1 : start.line,
              col: start.block ? start.col + m.col - 1 : start.col,
              path: 'report.text',
            },
            { term: m.term, reportLine: m.line },
          ),
        );
    }
  const problems = [
    ...missing,
    ...results.flatMap((r) => r.problems),
    ...duplicates,
    ...glossaryProblems,
  ].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.col - b.col);
  return {
    results,
    scenarios: [...byId.values()],
    problems,
    warnings,
    glossaryEntries: glossary?.entries().length ?? 0,
  };
}

async function isFolder(folder: string): Promise<boolean> {
  return (await stat(folder).catch(() => null))?.isDirectory() ?? false;
}

export async function validateCommand(args: string[], io: CommandIO): Promise<number> {
  let parsed;
  try {
    parsed = parseCommandLine(args, { quiet: { type: 'boolean' }, coverage: { type: 'boolean' } });
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err(error.message);
    io.err(USAGE);
    return 1;
  }
  const quiet = parsed.values.quiet === true;
  const targets = [...parsed.positionals];
  const config = readConfig(io.env, io.cwd);
  if (targets.length === 0) targets.push(config.scenariosDir);

  const codeSets = await CodeSets.load(config.dataDir);
  const run = await validateTargets(targets, io.cwd, {
    scenariosDir: config.scenariosDir,
    ...(codeSets.isEmpty ? {} : { codeSets }),
  });
  for (const problem of run.problems) io.out(formatProblem(problem));
  for (const warning of run.warnings) io.out(formatProblem(warning));
  if (!quiet) {
    for (const line of summary(run)) io.out(line);
    io.out(
      codeSets.isEmpty
        ? `codes not checked against official code sets: none imported in ${codesetsDir(config.dataDir)} (see npm run codesets)`
        : `codes checked against: ${codeSets
            .infos()
            .filter((i) => i.kind !== 'icd10cm-tabular')
            .map((i) => `${i.kind} ${i.version}`)
            .join(', ')}`,
    );
  }
  if (parsed.values.coverage) for (const line of formatCoverage(coverage(run.scenarios))) io.out(line);
  return run.problems.length === 0 && run.results.length > 0 ? 0 : 1;
}

export function summary(run: ValidationRun): string[] {
  const invalidFiles = new Set(run.problems.map((p) => p.file)).size;
  if (run.results.length === 0) return ['no scenario files found (looked for .yaml, .yml and .json)'];
  const bySetting = countBy(run.scenarios, (s) => [s.setting]);
  const bySystem = countBy(run.scenarios, (s) => systemsOf(s));
  return [
    `${run.results.length} file(s) checked: ${run.scenarios.length} valid scenario(s), ${invalidFiles} file(s) with problems, ${run.problems.length} problem(s)`,
    `by setting: ${format(bySetting)}`,
    `by code system: ${format(bySystem)}`,
    `glossary: ${run.glossaryEntries} entries; ${run.warnings.length} abbreviation(s) in reports that it lacks (warnings)`,
  ];
}

function format(counts: Map<string, number>): string {
  return counts.size === 0 ? 'none' : [...counts].map(([k, n]) => `${k} ${n}`).join(', ');
}

function displayPath(file: string, cwd: string): string {
  const relative = path.relative(cwd, file);
  return relative.startsWith('..') ? file : relative.split(path.sep).join('/');
}
