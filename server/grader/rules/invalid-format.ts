import type { ResultRule } from '../rule';

export const invalidFormat: ResultRule = {
  type: 'result',
  id: 'invalid-format',
  description: 'The entry matches no code system’s format.',
  messages: {
    shape: {
      text: '"{{submitted}}" is not a valid code: {{reason}}.',
      hint: 'ICD-10-CM: a letter, a digit, then up to five letters or digits (S82.61XA). CPT: five digits. HCPCS: a letter and four digits. ICD-10-PCS: seven characters. Procedure lines: CODE-MOD x units.',
    },
  },
  report(match) {
    return match.misplaced
      .filter((s) => s.problem?.kind === 'invalid-format')
      .map((s) => ({ section: s.section, submitted: s, messageId: 'shape', data: { reason: s.problem?.reason ?? 'unreadable' } }));
  },
};
