import { positionWord, type ResultRule } from '../rule';

const isExternalCause = (code: string) => /^[V-Y]/.test(code);

export const sequencing: ResultRule = {
  type: 'result',
  id: 'sequencing',
  label: 'Sequencing',
  credit: 0,
  listedFirst: true,
  description: 'The principal (inpatient) or first-listed (outpatient) diagnosis is given, but not first.',
  messages: {
    'not-first': {
      text: '{{expected}} is the {{principalLabel}} diagnosis but is listed {{position}}; {{firstCode}} is listed first.',
      hint: 'List first {{principalRule}}.',
    },
    'external-cause-first': {
      text: '{{firstCode}} is an external cause code and can never be listed first; {{expected}} is the {{principalLabel}} diagnosis.',
      hint: 'External cause codes follow the injury or condition they explain (I.C.20).',
    },
  },
  report(match, context) {
    const inpatient = context.scenario.setting === 'inpatient';
    const principal = match.pairs.find((p) => p.expected.section === 'diagnoses' && p.expected.index === 0);
    if (!principal || principal.submitted.index === 0) return [];
    // Another diagnosis the key accepts as first is first: the order is one coders may choose.
    if (
      match.pairs.some(
        (p) =>
          p.expected.section === 'diagnoses' &&
          p.expected.mayBeFirst &&
          p.submitted.section === 'diagnoses' &&
          p.submitted.index === 0,
      )
    )
      return [];
    const first =
      match.pairs.find((p) => p.submitted.section === 'diagnoses' && p.submitted.index === 0)?.submitted
        .code ?? firstDiagnosis(match);
    const externalFirst = isExternalCause(first);
    return [
      {
        section: 'diagnoses',
        expected: principal.expected,
        submitted: principal.submitted,
        messageId: externalFirst ? 'external-cause-first' : 'not-first',
        guideline: externalFirst ? 'I.C.20' : inpatient ? 'II' : 'IV.G',
        data: {
          principalLabel: inpatient ? 'principal' : 'first-listed',
          position: positionWord(principal.submitted.index),
          firstCode: first,
          principalRule: inpatient
            ? 'the condition established after study to be chiefly responsible for the admission (Section II)'
            : 'the condition chiefly responsible for the services provided at this visit (IV.G)',
        },
      },
    ];
  },
};

function firstDiagnosis(match: Parameters<ResultRule['report']>[0]): string {
  const all = [...match.unpairedSubmitted, ...match.misplaced, ...match.duplicates.map((d) => d.entry)];
  return all.find((s) => s.section === 'diagnoses' && s.index === 0)?.code ?? 'another code';
}
