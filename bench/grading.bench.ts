/**
 * Grading throughput on one core for the largest bundled scenario (target: over
 * 10,000 gradings per second), with a realistic submission mixing right codes and
 * near misses so every rule does work.
 */
import path from 'node:path';
import type { ScenarioModel } from '../server/scenarios/model';
import { fromBuild } from './production-build';
import { figure, finish } from './report';

const { formatProcedureLine } =
  fromBuild<typeof import('../server/codes/procedure-line')>('codes/procedure-line');
const { grade } = fromBuild<typeof import('../server/grader/grade')>('grader/grade');
const { titlesFromScenarios } =
  fromBuild<typeof import('../server/grader/library-titles')>('grader/library-titles');
const { submissionSchema } = fromBuild<typeof import('../server/grader/submission')>('grader/submission');
const { ScenarioLibrary } = fromBuild<typeof import('../server/scenarios/library')>('scenarios/library');

const size = (s: ScenarioModel) =>
  s.answerKey.diagnoses.length + s.answerKey.procedures.length + s.answerKey.distractors.length;

/** Each expected code, every other one slightly wrong, plus a distractor and an extra code. */
function realisticSubmission(s: ScenarioModel) {
  const diagnoses = s.answerKey.diagnoses.map((d, i) => (i % 2 === 1 ? d.code.slice(0, -1) : d.code));
  const procedures = s.answerKey.procedures.map((p, i) =>
    i % 2 === 1 ? formatProcedureLine({ ...p, units: p.units + 1 }) : formatProcedureLine(p),
  );
  const distractor = s.answerKey.distractors[0];
  if (distractor?.section === 'diagnoses') diagnoses.push(distractor.code);
  diagnoses.push('Z99.89');
  return submissionSchema.parse({
    diagnoses: [diagnoses[1] ?? diagnoses[0], diagnoses[0], ...diagnoses.slice(2)],
    procedures,
  });
}

async function main(): Promise<void> {
  const library = new ScenarioLibrary(path.resolve(__dirname, '../scenarios'));
  await library.loadAll();
  const scenarios = library.list();
  const largest = scenarios.reduce((a, b) => (size(b) > size(a) ? b : a));
  const submission = realisticSubmission(largest);
  const titles = titlesFromScenarios(scenarios);

  for (let i = 0; i < 2000; i++) grade(largest, submission, { titles });
  const rounds = 20000;
  const start = process.hrtime.bigint();
  for (let i = 0; i < rounds; i++) grade(largest, submission, { titles });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const findings = grade(largest, submission, { titles }).findings.length;
  console.log(
    `largest scenario: ${largest.id} (${size(largest)} key entries; ${findings} findings per grading)`,
  );
  figure('gradings per second, one core', rounds / seconds, '/s', { min: 10000 });
  finish();
}

void main();
