import type { ResultRule } from '../rule';

export const distractor: ResultRule = {
  type: 'result',
  id: 'distractor',
  description: "A submitted code the scenario lists as a known wrong answer; the message carries the scenario's feedback.",
  messages: {
    listed: { text: '{{submitted}} is a common wrong answer here. {{feedback}}' },
  },
  report(match) {
    return match.unpairedSubmitted.flatMap((s) => {
      const known = match.unpairedReason.get(s) === 'distractor' ? match.distractors.get(s) : undefined;
      return known ? [{ section: s.section, submitted: s, messageId: 'listed', data: { feedback: known.feedback }, guideline: known.guideline }] : [];
    });
  },
};
