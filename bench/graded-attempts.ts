/**
 * Realistic stored attempts for the storage and report benchmarks: for each scenario, four
 * submissions graded as the app grades them (all right; every other diagnosis cut short;
 * codes left out; a distractor and an extra code), in the compact form the store keeps.
 */
import { fromBuild } from './production-build';

type Attempt = import('../server/store/records').Attempt;
type ScenarioModel = import('../server/scenarios/model').ScenarioModel;
type Titles = ReturnType<typeof import('../server/grader/library-titles').titlesFromScenarios>;

const { formatProcedureLine } =
  fromBuild<typeof import('../server/codes/procedure-line')>('codes/procedure-line');
const { grade } = fromBuild<typeof import('../server/grader/grade')>('grader/grade');
const { submissionSchema } = fromBuild<typeof import('../server/grader/submission')>('grader/submission');
const { compactResult } =
  fromBuild<typeof import('../server/practice/compact-result')>('practice/compact-result');
const { scenarioVersion } = fromBuild<typeof import('../server/practice/practice')>('practice/practice');

export type Graded = Pick<Attempt, 'scenarioId' | 'scenarioVersion' | 'submission' | 'result'>;

export function gradedSubmissions(scenario: ScenarioModel, titles: Titles): Graded[] {
  const diagnoses = scenario.answerKey.diagnoses.map((d) => d.code);
  const procedures = scenario.answerKey.procedures.map((p) => formatProcedureLine(p));
  const distractor = scenario.answerKey.distractors.find((d) => d.section === 'diagnoses');
  return [
    { diagnoses, procedures },
    { diagnoses: diagnoses.map((c, i) => (i % 2 === 1 ? c.slice(0, -1) : c)), procedures },
    { diagnoses: diagnoses.slice(0, -1), procedures: procedures.slice(1) },
    { diagnoses: [...diagnoses, ...(distractor ? [distractor.code] : []), 'Z99.89'], procedures },
  ].map((input) => {
    const submission = submissionSchema.parse(input);
    return {
      scenarioId: scenario.id,
      scenarioVersion: scenarioVersion(scenario),
      submission,
      result: compactResult(grade(scenario, submission, { titles }), scenario) as Attempt['result'],
    };
  });
}

export const traineeId = (n: number) => `trainee-${String(n).padStart(4, '0')}`;
