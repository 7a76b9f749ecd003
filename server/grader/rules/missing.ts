import { noteReferences, referenceCovers } from '../../codes/note-references';
import type { GradeContext, ResultRule } from '../rule';
import type { ExpectedEntry } from '../types';

const NOTE_LABELS = {
  useAdditionalCode: 'use additional code',
  codeFirst: 'code first',
  codeAlso: 'code also',
} as const;

/** A "use additional code" / "code first" note of another expected diagnosis that names this one. */
function pointingNote(
  missingEntry: ExpectedEntry,
  context: GradeContext,
): { noteCode: string; noteLabel: string; note: string } | undefined {
  const tabular = context.codeSets?.tabular;
  if (!tabular) return undefined;
  for (const other of context.scenario.answerKey.diagnoses) {
    if (other.code === missingEntry.code) continue;
    for (const note of tabular.notesFor(other.code)) {
      if (!(note.kind in NOTE_LABELS)) continue;
      if (noteReferences(note.text).some((r) => referenceCovers(r, missingEntry.code))) {
        return {
          noteCode: other.code,
          noteLabel: NOTE_LABELS[note.kind as keyof typeof NOTE_LABELS],
          note: note.text,
        };
      }
    }
  }
  return undefined;
}

export const missing: ResultRule = {
  type: 'result',
  id: 'missing',
  label: 'Missing',
  credit: 0,
  description: 'A required expected code has no counterpart among the submitted codes.',
  messages: {
    principal: {
      text: 'The {{principalLabel}} diagnosis {{expected}} ({{expectedTitle}}) is missing.',
      hint: 'Start with the condition chiefly responsible for the {{visitWord}}: {{principalRule}}.',
    },
    diagnosis: {
      text: '{{expected}} ({{expectedTitle}}) is missing.',
      hint: 'The report supports this code; see the rationale and the highlighted evidence.',
    },
    noted: {
      text: '{{expected}} ({{expectedTitle}}) is missing, and the tabular list asks for it: {{noteCode}} carries the note "{{noteLabel}}: {{note}}".',
      hint: 'Read the instructional notes of every code you assign (I.A.13, I.B.7): "use additional code" and "code first" name the codes that go with it.',
    },
    procedure: {
      text: '{{expected}} ({{expectedTitle}}) is missing.',
      hint: 'The report documents this service; see the rationale and the highlighted evidence.',
    },
  },
  report(match, context) {
    const inpatient = context.scenario.setting === 'inpatient';
    const data = {
      principalLabel: inpatient ? 'principal' : 'first-listed',
      visitWord: inpatient ? 'admission' : 'visit',
      principalRule: inpatient
        ? 'the condition established after study (Section II)'
        : 'the reason chiefly responsible for the services provided (IV.G)',
    };
    return match.unpairedExpected
      .filter((e) => !e.optional)
      .map((e) => {
        const note = e.section === 'diagnoses' ? pointingNote(e, context) : undefined;
        if (note && e.index !== 0)
          return {
            section: e.section,
            expected: e,
            messageId: 'noted',
            data: { ...data, ...note },
            guideline: 'I.B.7',
          };
        return {
          section: e.section,
          expected: e,
          messageId: e.section === 'procedures' ? 'procedure' : e.index === 0 ? 'principal' : 'diagnosis',
          data,
        };
      });
  },
};
