import type { CodeSets } from '../../server/codesets/code-sets';
import { grade } from '../../server/grader/grade';
import { submissionSchema, type SubmissionInput } from '../../server/grader/submission';
import type { ScenarioModel } from '../../server/scenarios/model';
import { importFixtureSets } from './fixture-codesets';
import { makeTempDir } from './temp-dir';

/** Fixture code sets for a test file, imported once into a temporary data folder. */
export function withFixtureCodeSets(): { codeSets: () => CodeSets; gradeWithSets: (scenario: ScenarioModel, input: SubmissionInput) => ReturnType<typeof grade> } {
  let codeSets: CodeSets;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    const temp = await makeTempDir();
    cleanup = temp.cleanup;
    codeSets = await importFixtureSets(temp.dir);
  });
  afterAll(() => cleanup());
  return { codeSets: () => codeSets, gradeWithSets: (scenario, input) => grade(scenario, submissionSchema.parse(input), { codeSets }) };
}
