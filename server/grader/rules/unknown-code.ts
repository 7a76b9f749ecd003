import { unmatchedFor, type ResultRule } from '../rule';

export const unknownCode: ResultRule = {
  type: 'result',
  id: 'unknown-code',
  label: 'Unknown code',
  credit: -0.5,
  explainsUnmatched: {
    order: 2,
    applies: ({ official }) =>
      official === null || official?.status === 'terminated' || official?.status === 'not-yet-valid',
  },
  guideline: 'I.A.3',
  description:
    'Well formed, but not in the official code set for the date of service (or terminated before it). Needs the imported code sets.',
  messages: {
    absent: {
      text: '{{submitted}} is not a code in {{system}} {{version}}, the code set for this date of service.',
      hint: 'Check the code in the tabular list or the code look-up: it may be mistyped, deleted, or never have existed.',
    },
    terminated: {
      text: '{{submitted}} was terminated on {{terminated}} and is not valid on the date of service {{date}}.',
      hint: 'Use the code that replaced it; the code look-up shows the current codes for this drug or service.',
    },
    'not-yet-valid': {
      text: '{{submitted}} was added on {{added}}, after the date of service {{date}}.',
      hint: 'Code with the code set in effect on the date of service.',
    },
  },
  report(match, context) {
    const date = context.scenario.report.dateOfService;
    return unmatchedFor(unknownCode, match).map((s) => {
      const entry = match.official.get(s);
      const version = context.codeSets?.setFor(s.system ?? 'ICD-10-CM', date)?.info.version ?? '';
      const messageId = entry ? entry.status : 'absent';
      return {
        section: s.section,
        submitted: s,
        messageId: messageId === 'terminated' || messageId === 'not-yet-valid' ? messageId : 'absent',
        data: {
          system: s.system ?? '',
          version,
          date,
          terminated: entry?.terminated ?? '',
          added: entry?.added ?? '',
        },
      };
    });
  },
};
