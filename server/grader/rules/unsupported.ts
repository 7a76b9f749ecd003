import { unmatchedFor, type ResultRule } from '../rule';

export const unsupported: ResultRule = {
  type: 'result',
  id: 'unsupported',
  label: 'Not supported',
  credit: -0.5,
  explainsUnmatched: { order: 4, applies: () => true },
  description:
    'A submitted code that matches nothing in the answer key and is no near miss of an expected code.',
  messages: {
    diagnosis: {
      text: '{{submitted}} is not supported by this report.',
      hint: 'Code only conditions the provider documents for this encounter: not symptoms integral to a confirmed diagnosis (I.B.5), not uncertain diagnoses in an outpatient setting (IV.H), not conditions that no longer exist.',
    },
    procedure: {
      text: '{{submitted}} is not supported by this report.',
      hint: 'Report only services the report documents as performed on this date.',
    },
  },
  report(match) {
    return unmatchedFor(unsupported, match).map((s) => ({
      section: s.section,
      submitted: s,
      messageId: s.section === 'diagnoses' ? 'diagnosis' : 'procedure',
      data: {},
    }));
  },
};
