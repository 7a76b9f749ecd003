import { grade } from '../../server/grader/grade';
import { submissionSchema, type SubmissionInput } from '../../server/grader/submission';
import type { ScenarioModel } from '../../server/scenarios/model';
import type { Finding, TitleLookup } from '../../server/grader/types';

export function gradeInput(scenario: ScenarioModel, input: SubmissionInput, titles?: TitleLookup) {
  return grade(scenario, submissionSchema.parse(input), { titles });
}

/** The findings that are not plain correct codes, reduced to what tests assert. */
export function problemsOf(findings: Finding[]) {
  return findings
    .filter((f) => f.kind !== 'correct')
    .map((f) => ({ kind: f.kind, messageId: f.messageId, expected: f.expected, submitted: f.submitted }));
}

/** A title lookup from a fixed table, standing in for an imported code set. */
export function titlesFrom(table: Record<string, string>): TitleLookup {
  return { title: (_system, code) => table[code] };
}
