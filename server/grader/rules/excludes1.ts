import { noteReferences, referenceCovers } from '../../codes/note-references';
import type { ResultRule, Report } from '../rule';

export const excludes1: ResultRule = {
  type: 'result',
  id: 'excludes1',
  label: 'Excludes1',
  credit: 0,
  guideline: 'I.A.12.a',
  description:
    'Two submitted codes that an Excludes1 note forbids together (notes on a category apply to every code below it). Needs the imported tabular list.',
  messages: {
    pair: {
      text: '{{code}} and {{otherCode}} cannot be reported together: an Excludes1 note at {{noteFrom}} says "{{note}}".',
      hint: 'Excludes1 means "not coded here": the two conditions cannot occur together. Keep the one the report supports; the exception is two conditions that are unrelated to each other.',
    },
  },
  report(match, context) {
    const tabular = context.codeSets?.tabular;
    if (!tabular) return [];
    const diagnoses = [
      ...match.pairs.map((p) => ({ entry: p.submitted, correct: p.exact })),
      ...match.unpairedSubmitted.map((entry) => ({ entry, correct: false })),
    ].filter((d) => d.entry.section === 'diagnoses' && d.entry.system === 'ICD-10-CM');
    const reports: Report[] = [];
    const seen = new Set<string>();
    for (const a of diagnoses) {
      for (const note of tabular.notesFor(a.entry.code).filter((n) => n.kind === 'excludes1')) {
        const refs = noteReferences(note.text);
        for (const b of diagnoses) {
          // Both expected and given: the answer key judged them unrelated.
          if (a === b || (a.correct && b.correct)) continue;
          const key = [a.entry.code, b.entry.code].sort().join('|');
          if (seen.has(key) || !refs.some((r) => referenceCovers(r, b.entry.code))) continue;
          seen.add(key);
          reports.push({
            section: 'diagnoses',
            submitted: b.correct ? a.entry : b.entry,
            messageId: 'pair',
            data: { code: a.entry.code, otherCode: b.entry.code, noteFrom: note.from, note: note.text },
          });
        }
      }
    }
    return reports;
  },
};
