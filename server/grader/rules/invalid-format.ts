import type { ResultRule } from '../rule';

const HINT =
  'ICD-10-CM: a letter, a digit, then up to five letters or digits (S82.61XA). CPT: five digits. HCPCS: a letter and four digits. ICD-10-PCS: seven characters. Procedure lines: CODE-MOD x units.';

export const invalidFormat: ResultRule = {
  type: 'result',
  id: 'invalid-format',
  label: 'Invalid format',
  credit: -0.5,
  description: 'The entry matches no code system’s format.',
  messages: {
    'bad-characters': {
      text: '"{{submitted}}" is not a valid code: it contains characters no code uses; expected {{wanted}}.',
      hint: HINT,
    },
    'bad-shape': {
      text: '"{{submitted}}" is not a valid code: it does not have the shape of {{wanted}}.',
      hint: HINT,
    },
    'line-form': {
      text: '"{{submitted}}" is not a procedure line of the form CODE[-MOD...][ xN], such as 27786-RT or J3301 x4.',
      hint: HINT,
    },
    'empty-modifier': {
      text: '"{{submitted}}" has an empty modifier (two dashes in a row, or a dash at the end).',
      hint: HINT,
    },
    'bad-units': {
      text: '"{{submitted}}" has units "{{units}}"; units are a whole number of at least 1.',
      hint: HINT,
    },
    'bad-modifier': {
      text: '"{{submitted}}" has the modifier "{{modifier}}"; a modifier is two letters or digits.',
      hint: HINT,
    },
  },
  report(match) {
    return match.misplaced.flatMap((s) =>
      s.problem?.kind === 'invalid-format'
        ? [{ section: s.section, submitted: s, messageId: s.problem.messageId, data: s.problem.data }]
        : [],
    );
  },
};
