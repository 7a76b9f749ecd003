/**
 * `npm run grade -- <scenario id or file> <submission.json | -> [--format text|json]`:
 * grade a submission from the command line; the same result as the API.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { readConfig } from '../config';
import { formatResultText } from '../grader/format-text';
import { grade } from '../grader/grade';
import { titlesFromScenarios } from '../grader/library-titles';
import { submissionProblems, submissionSchema } from '../grader/submission';
import { ScenarioLibrary } from '../scenarios/library';
import { loadScenarioFile } from '../scenarios/load-file';
import type { ScenarioModel } from '../scenarios/model';
import { formatProblem } from '../scenarios/problems';
import { parseCommandLine, UsageError } from './args';
import type { CommandIO } from './io';

const USAGE = 'usage: npm run grade -- <scenario id or file> <submission.json | -> [--format json|text]';

export async function gradeCommand(args: string[], io: CommandIO): Promise<number> {
  try {
    const { target, submissionPath, format } = readArgs(args);
    const library = new ScenarioLibrary(readConfig(io.env, io.cwd).scenariosDir);
    const scenario = await findScenario(target, io, library);
    const submission = await readSubmissionText(submissionPath, io);
    const result = grade(scenario, submission, {
      titles: titlesFromScenarios(library.list().length > 0 ? library.list() : [scenario]),
    });
    io.out(format === 'text' ? formatResultText(result) : JSON.stringify(result, null, 2));
    return 0;
  } catch (error) {
    io.err(`grade: ${(error as Error).message}`);
    if (error instanceof UsageError) io.err(USAGE);
    return 1;
  }
}

function readArgs(args: string[]): { target: string; submissionPath: string; format: 'json' | 'text' } {
  const { values, positionals } = parseCommandLine(args, { format: { type: 'string', default: 'json' } });
  if (values.format !== 'json' && values.format !== 'text')
    throw new UsageError(`--format must be json or text, got ${values.format}`);
  if (positionals.length !== 2)
    throw new UsageError(`expected a scenario and a submission, got ${positionals.length} argument(s)`);
  return { target: positionals[0], submissionPath: positionals[1], format: values.format };
}

async function findScenario(target: string, io: CommandIO, library: ScenarioLibrary): Promise<ScenarioModel> {
  const asFile = path.resolve(io.cwd, target);
  const info = await stat(asFile).catch(() => null);
  if (info?.isFile()) {
    const loaded = await loadScenarioFile(asFile, target);
    if (!loaded.scenario)
      throw new Error(`scenario file has problems:\n${loaded.problems.map(formatProblem).join('\n')}`);
    return loaded.scenario;
  }
  await library.loadAll();
  const scenario = library.get(target);
  if (!scenario) throw new Error(`no scenario with id "${target}" in ${library.root} (and no such file)`);
  return scenario;
}

async function readSubmissionText(submissionPath: string, io: CommandIO) {
  let text: string;
  if (submissionPath === '-') {
    if (!io.readStdin) throw new Error('cannot read the submission from standard input here');
    text = await io.readStdin();
  } else {
    text = await readFile(path.resolve(io.cwd, submissionPath), 'utf8').catch((e: NodeJS.ErrnoException) => {
      throw new Error(`cannot read submission ${submissionPath}: ${e.code ?? e.message}`);
    });
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    throw new Error(
      `submission ${submissionPath === '-' ? '(stdin)' : submissionPath} is not valid JSON: ${(error as Error).message}`,
      { cause: error },
    );
  }
  const parsed = submissionSchema.safeParse(body);
  if (!parsed.success)
    throw new Error(
      `submission does not have the expected shape:\n${submissionProblems(parsed.error).join('\n')}`,
    );
  return parsed.data;
}
