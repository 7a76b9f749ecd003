import { grade } from '../../server/grader/grade';
import { submissionSchema, type SubmissionInput } from '../../server/grader/submission';
import type { ScenarioModel } from '../../server/scenarios/model';
import { withFixtureCodeSets } from './fixture-codesets';

/** Grade with the fixture code sets, imported once for the test file. */
export function withFixtureGrading(): {
  gradeWithSets: (scenario: ScenarioModel, input: SubmissionInput) => ReturnType<typeof grade>;
} {
  const codeSets = withFixtureCodeSets();
  return {
    gradeWithSets: (scenario, input) =>
      grade(scenario, submissionSchema.parse(input), { codeSets: codeSets() }),
  };
}
