import { unmatchedFor, type ResultRule } from '../rule';

export const distractor: ResultRule = {
  type: 'result',
  id: 'distractor',
  label: 'Common wrong answer',
  credit: -0.5,
  feedback: 'in-message',
  explainsUnmatched: { order: 1, applies: (facts) => facts.isDistractor },
  description:
    "A submitted code the scenario lists as a known wrong answer; the message carries the scenario's feedback.",
  messages: {
    listed: { text: '{{submitted}} is a common wrong answer here. {{feedback}}' },
  },
  report(match) {
    return unmatchedFor(distractor, match).flatMap((s) => {
      const known = match.distractors.get(s);
      return known
        ? [
            {
              section: s.section,
              submitted: s,
              messageId: 'listed',
              data: { feedback: known.feedback },
              guideline: known.guideline,
            },
          ]
        : [];
    });
  },
};
