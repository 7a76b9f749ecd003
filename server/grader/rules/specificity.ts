import { changedWords, titleDiff } from '../diff';
import type { GradeContext, PairRule, Verdict } from '../rule';
import type { SubmittedEntry } from '../types';
import { diagnosisKeys } from './helpers';

function isUnknown(submitted: SubmittedEntry, context: GradeContext): boolean {
  const codeSets = context.codeSets;
  const date = context.scenario.report.dateOfService;
  if (!codeSets || !submitted.system || !codeSets.setFor(submitted.system, date)) return false;
  const entry = codeSets.lookup(submitted.system, submitted.code, date);
  return !entry || entry.status === 'terminated' || entry.status === 'not-yet-valid';
}

export const specificity: PairRule = {
  type: 'pair',
  id: 'specificity',
  label: 'Specificity',
  credit: 0.25,
  feedback: 'append',
  rank: 7,
  sections: ['diagnoses', 'procedures'],
  guideline: 'I.B.2',
  description:
    'Same ICD-10-CM category (first three characters), or a CPT/HCPCS neighbour in the same code family, but a different code — when no narrower kind explains the difference.',
  messages: {
    'less-specific': {
      text: '{{submitted}} is in the right category ({{category}}) but is less specific than the report allows.',
      hint: 'The report documents {{expectedOnly}}: choose the code that says so.',
    },
    'different-detail': {
      text: '{{submitted}} is in the right category ({{category}}) but codes a different condition detail.',
      hint: 'Compare the two titles: the report supports "{{expectedOnly}}", not "{{submittedOnly}}".',
    },
    category: {
      text: '{{submitted}} is in the right category ({{category}}) but is not the code the report supports.',
      hint: 'Read the subcategories of {{category}} in the tabular list and match each character to the documentation.',
    },
    'em-level': {
      text: '{{submitted}} is a different E/M level from the one the report supports ({{expected}}).',
      hint: 'Office visits are levelled by medical decision making (two of three elements: problems, data, risk) or by total time on the date; emergency department visits by medical decision making only.',
    },
    family: {
      text: '{{submitted}} is a neighbour of {{expected}} in the same code family, but not the one the report supports.',
      hint: 'Check what decides the choice within this family (level of decision making or time, size, number, method) against the report.',
    },
  },
  compare(expected, form, submitted, context): Verdict | null {
    // A code the official set does not have is explained as unknown, not as a neighbour.
    if (isUnknown(submitted, context)) return null;
    if (expected.section === 'procedures') {
      if (
        !form.line ||
        !submitted.line ||
        submitted.system !== expected.system ||
        expected.system === 'ICD-10-PCS'
      )
        return null;
      if (form.code === submitted.code || form.code.slice(0, 4) !== submitted.code.slice(0, 4)) return null;
      const evaluationAndManagement = /^99\d{3}$/.test(form.code) && /^99\d{3}$/.test(submitted.code);
      return {
        messageId: evaluationAndManagement ? 'em-level' : 'family',
        data: { family: form.code.slice(0, 4) },
      };
    }
    const keys = diagnosisKeys(form, submitted);
    if (!keys) return null;
    const [want, got] = keys;
    if (want === got || want.slice(0, 3) !== got.slice(0, 3)) return null;
    const category = want.slice(0, 3);
    const expectedTitle = form.isAlternative ? context.titles?.title('ICD-10-CM', form.code) : expected.title;
    const submittedTitle = context.titles?.title('ICD-10-CM', submitted.code);
    if (expectedTitle && submittedTitle) {
      const words = changedWords(titleDiff(expectedTitle, submittedTitle));
      const expectedOnly = words.expected.join(' ');
      const submittedOnly = words.submitted.join(' ');
      const lessSpecific = /unspecified|other/i.test(submittedOnly) && !/unspecified/i.test(expectedOnly);
      return {
        messageId: lessSpecific ? 'less-specific' : 'different-detail',
        data: { category, expectedOnly, submittedOnly },
      };
    }
    return { messageId: 'category', data: { category } };
  },
};
