/**
 * A new finding kind is a rule file, a registry line, its docs and its test: this toy rule
 * is added to a rule set and nothing else in the grader changes, yet its findings carry
 * its label and credit, count in the score, and keep the claim from being ready.
 */
import { grade } from '../../server/grader/grade';
import { ALL_RULES, RuleSet } from '../../server/grader/registry';
import type { ResultRule } from '../../server/grader/rule';
import { submissionSchema } from '../../server/grader/submission';
import { outpatientFixture, PERFECT_OUTPATIENT, variant } from '../fixtures/grading-scenarios';

const tooManyDiagnoses: ResultRule = {
  type: 'result',
  id: 'too-many-diagnoses',
  label: 'Too many diagnoses',
  credit: -0.25,
  description: 'More diagnoses than a claim form holds pointers for (a toy rule for this test).',
  messages: {
    over: {
      text: '{{count}} diagnoses are more than {{limit}}.',
      hint: 'Keep the ones the report supports.',
    },
  },
  report(match) {
    const diagnoses = [...match.pairs.map((p) => p.submitted), ...match.unpairedSubmitted].filter(
      (s) => s.section === 'diagnoses',
    );
    return diagnoses.length > 4
      ? [{ section: 'diagnoses', messageId: 'over', data: { count: diagnoses.length, limit: 4 } }]
      : [];
  },
};

describe('adding a finding kind', () => {
  const rules = new RuleSet([...ALL_RULES, tooManyDiagnoses]);

  it('is reported with its own message, label and credit, and stops the claim', () => {
    const submission = submissionSchema.parse(variant(PERFECT_OUTPATIENT, { addDiagnoses: ['I10'] }));
    const plain = grade(outpatientFixture, submission);
    const result = grade(outpatientFixture, submission, { rules });
    const finding = result.findings.find((f) => f.kind === 'too-many-diagnoses');
    expect(finding).toMatchObject({
      message: '5 diagnoses are more than 4.',
      severity: 'error',
      credit: -0.25,
      hint: 'Keep the ones the report supports.',
    });
    expect(rules.label('too-many-diagnoses')).toBe('Too many diagnoses');
    expect(result.score.earned).toBe(plain.score.earned - 0.25);
    expect(result.claimReady).toBe(false);
  });

  it('stays silent when its case does not arise', () => {
    const result = grade(outpatientFixture, submissionSchema.parse(PERFECT_OUTPATIENT), { rules });
    expect(result.findings.map((f) => f.kind)).not.toContain('too-many-diagnoses');
    expect(result.claimReady).toBe(true);
  });
});
