import type { PairRule } from '../rule';
import { procedureLines, sameModifiers } from './helpers';

/** The dose a HCPCS drug descriptor bills per unit: the last "N mg" (or mcg, ml, units) of its title. */
export function dosePerUnit(title: string): string | undefined {
  const doses = title.match(/\d+(?:[.,]\d+)?\s*(?:mg|mcg|micrograms?|g|ml|cc|units?|iu|million units)\b/gi);
  return doses?.[doses.length - 1];
}

export const units: PairRule = {
  type: 'pair',
  id: 'units',
  label: 'Units',
  credit: 0.75,
  feedback: 'append',
  rank: 1,
  sections: ['procedures'],
  description: 'The right procedure code and modifiers with the wrong number of units.',
  messages: {
    drug: {
      text: '{{code}} is right, but the units are wrong: {{submittedUnits}} given, {{expectedUnits}} expected.',
      hint: 'The descriptor bills {{dose}} per unit: divide the dose given in the report by {{dose}} and round up to a whole unit.',
    },
    service: {
      text: '{{code}} is right, but the units are wrong: {{submittedUnits}} given, {{expectedUnits}} expected.',
      hint: 'Units count how many times the service was performed, or how many timed increments the report documents.',
    },
  },
  compare(expected, form, submitted) {
    const lines = procedureLines(expected, form, submitted);
    if (!lines) return null;
    const [want, got] = lines;
    if (want.code !== got.code || !sameModifiers(want.modifiers, got.modifiers) || want.units === got.units)
      return null;
    const dose = expected.system === 'HCPCS' ? dosePerUnit(expected.title) : undefined;
    return {
      messageId: dose ? 'drug' : 'service',
      data: { code: want.code, expectedUnits: want.units, submittedUnits: got.units, dose: dose ?? '' },
    };
  },
};
