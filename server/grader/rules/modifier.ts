import { explainModifier } from '../../codes/modifiers';
import type { PairRule } from '../rule';
import { listOrNone, procedureLines, sameModifiers } from './helpers';

export const modifier: PairRule = {
  type: 'pair',
  id: 'modifier',
  label: 'Modifier',
  credit: 0.75,
  feedback: 'append',
  rank: 1,
  sections: ['procedures'],
  guideline: 'CPT Appendix A (modifiers)',
  description: 'The right procedure code with wrong or missing modifiers.',
  messages: {
    missing: {
      text: '{{code}} is the right code, but modifier {{missingModifiers}} is missing.{{unitsNote}}',
      hint: 'Add {{missingExplained}}.',
    },
    extra: {
      text: '{{code}} is the right code, but modifier {{extraModifiers}} does not apply here.{{unitsNote}}',
      hint: 'Remove {{extraExplained}}.',
    },
    different: {
      text: '{{code}} is the right code with the wrong modifiers: {{submittedModifiers}} given, {{expectedModifiers}} expected.{{unitsNote}}',
      hint: 'Use {{missingExplained}} instead of {{extraExplained}}.',
    },
  },
  compare(expected, form, submitted) {
    const lines = procedureLines(expected, form, submitted);
    if (!lines) return null;
    const [want, got] = lines;
    if (want.code !== got.code || sameModifiers(want.modifiers, got.modifiers)) return null;
    const missing = want.modifiers.filter((m) => !got.modifiers.includes(m));
    const extra = got.modifiers.filter((m) => !want.modifiers.includes(m));
    return {
      messageId: extra.length === 0 ? 'missing' : missing.length === 0 ? 'extra' : 'different',
      data: {
        code: want.code,
        expectedModifiers: listOrNone(want.modifiers),
        submittedModifiers: listOrNone(got.modifiers),
        missingModifiers: missing.join(', '),
        extraModifiers: extra.join(', '),
        missingExplained: missing.map(explainModifier).join(' and '),
        extraExplained: extra.map(explainModifier).join(' and '),
        unitsNote:
          want.units === got.units
            ? ''
            : ` The units differ too: ${got.units} given, ${want.units} expected.`,
      },
    };
  },
};
