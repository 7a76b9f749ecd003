import type { ResultRule } from '../rule';

export const missing: ResultRule = {
  type: 'result',
  id: 'missing',
  description: 'A required expected code has no counterpart among the submitted codes.',
  messages: {
    principal: {
      text: 'The {{principalLabel}} diagnosis {{expected}} ({{expectedTitle}}) is missing.',
      hint: 'Start with the condition chiefly responsible for the {{visitWord}}: {{principalRule}}.',
    },
    diagnosis: { text: '{{expected}} ({{expectedTitle}}) is missing.', hint: 'The report supports this code; see the rationale and the highlighted evidence.' },
    procedure: { text: '{{expected}} ({{expectedTitle}}) is missing.', hint: 'The report documents this service; see the rationale and the highlighted evidence.' },
  },
  report(match, context) {
    const inpatient = context.scenario.setting === 'inpatient';
    return match.unpairedExpected
      .filter((e) => !e.optional)
      .map((e) => ({
        section: e.section,
        expected: e,
        messageId: e.section === 'procedures' ? 'procedure' : e.index === 0 ? 'principal' : 'diagnosis',
        data: {
          principalLabel: inpatient ? 'principal' : 'first-listed',
          visitWord: inpatient ? 'admission' : 'visit',
          principalRule: inpatient ? 'the condition established after study (Section II)' : 'the reason chiefly responsible for the services provided (IV.G)',
        },
      }));
  },
};
