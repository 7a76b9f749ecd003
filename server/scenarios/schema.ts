/**
 * The scenario file format, version 1: the contract trainers write against.
 * Field names here are public (docs, the JSON Schema and other tools rely on them).
 * Rules that need more than one field (code shapes by system, evidence found in the
 * report) live in `semantic-checks.ts`, so that every problem keeps its own path.
 */
import { z } from 'zod';
import { PROCEDURE_SYSTEMS } from '../codes/systems';

export const SETTINGS = ['outpatient', 'inpatient'] as const;
export type Setting = (typeof SETTINGS)[number];

export const VISIBILITIES = ['practice', 'exam'] as const;
export type Visibility = (typeof VISIBILITIES)[number];

const text = (what: string) => z.string({ error: `${what} must be text` }).trim().min(1, { error: `${what} must not be empty` });

const code = z.string({ error: 'a code must be text, e.g. "S82.61XA" or "27786"' }).trim().min(1, { error: 'the code is empty' });

const modifier = z
  .string({ error: 'a modifier must be text, e.g. "RT" or "25"' })
  .trim()
  .toUpperCase()
  .regex(/^[0-9A-Z]{2}$/, { error: 'a modifier is exactly two letters or digits, e.g. RT, 25, XS' });

const units = z
  .number({ error: 'units must be a whole number' })
  .int({ error: 'units must be a whole number' })
  .min(1, { error: 'units must be at least 1' })
  .max(9999, { error: 'units must be at most 9999' });

const evidence = z
  .array(text('an evidence quote'), { error: 'evidence must be a list of quotes from the report' })
  .min(1, { error: 'give at least one evidence quote copied from the report text' });

const guideline = text('guideline').describe('The guideline section that decides this code, e.g. "I.C.19.c" or "IV.H".');

export const diagnosisSchema = z.strictObject({
  code: code.describe('ICD-10-CM code, with or without the dot'),
  description: text('description').describe('The official long title of the code'),
  rationale: text('rationale').describe('Why this code, as an instructor would explain it'),
  evidence: evidence.describe('Verbatim excerpts of report.text that support the code'),
  guideline: guideline.optional(),
  alternatives: z.array(code).default([]).describe('Other codes accepted in its place'),
  optional: z.boolean({ error: 'optional must be true or false' }).default(false).describe('Optional codes earn credit when given and cost nothing when left out'),
  mayBeFirst: z
    .boolean({ error: 'mayBeFirst must be true or false' })
    .default(false)
    .describe('Also right as the principal / first-listed diagnosis: two conditions that equally meet the definition (II.C), where coders reasonably differ'),
});

const alternativeLineSchema = z.union([
  text('an alternative').describe('CODE[-MOD...][ xN], e.g. "27786-RT" or "J3301 x4"'),
  z.strictObject({ code, modifiers: z.array(modifier).default([]), units: units.default(1) }),
]);

export const procedureAlternativeSchema = z.union([
  ...alternativeLineSchema.options,
  z
    .array(alternativeLineSchema)
    .min(2, { error: 'a group of lines accepted together needs at least two lines' })
    .describe('Several lines that together replace the expected line, e.g. ["27786-RT", "27786-LT"] for a bilateral "-50" line'),
]);

export const procedureSchema = z.strictObject({
  system: z.enum(PROCEDURE_SYSTEMS, { error: `system must be one of ${PROCEDURE_SYSTEMS.join(', ')}` }),
  code: code.describe('CPT, HCPCS Level II or ICD-10-PCS code'),
  modifiers: z.array(modifier).default([]),
  units: units.default(1),
  description: text('description').describe('Official long title (ICD-10-PCS, HCPCS) or your own plain words (CPT)'),
  rationale: text('rationale'),
  evidence,
  guideline: guideline.optional(),
  alternatives: z.array(procedureAlternativeSchema).default([]).describe('Other lines accepted in its place'),
  optional: z.boolean({ error: 'optional must be true or false' }).default(false),
});

export const distractorSchema = z.strictObject({
  code: code.describe('The wrong code, as a trainee might give it (procedures: CODE[-MOD...][ xN])'),
  feedback: text('feedback').describe('What the trainee reads when giving this code'),
  section: z.enum(['diagnoses', 'procedures']).optional().describe('Where the wrong code would be entered; inferred from its shape when left out'),
  guideline: guideline.optional(),
});

export const reportSchema = z.strictObject({
  type: text('report type').describe('e.g. Emergency Department Note, Operative Report, Discharge Summary'),
  dictatedBy: text('dictatedBy'),
  transcribedBy: text('transcribedBy').describe("The transcriptionist's initials"),
  dateOfService: z
    .string({ error: 'dateOfService must be a date written YYYY-MM-DD' })
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'dateOfService must be a date written YYYY-MM-DD' })
    .describe('Decides the code-set year: FY2026 runs 2025-10-01 to 2026-09-30'),
  text: text('report text'),
});

export const scenarioSchema = z.strictObject({
  $schema: z.string().optional(),
  id: z
    .string({ error: 'id must be text' })
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { error: 'id must be kebab-case: lower-case letters and digits joined by single dashes' })
    .max(100, { error: 'id must be at most 100 characters' })
    .describe('kebab-case, unique across the library'),
  title: text('title'),
  setting: z.enum(SETTINGS, { error: 'setting must be outpatient or inpatient' }),
  encounter: text('encounter').describe('Office visit, Emergency department, Ambulatory surgery, Inpatient admission, Radiology, …'),
  specialty: text('specialty'),
  difficulty: z
    .number({ error: 'difficulty must be a whole number from 1 to 5' })
    .int({ error: 'difficulty must be a whole number from 1 to 5' })
    .min(1, { error: 'difficulty must be a whole number from 1 to 5' })
    .max(5, { error: 'difficulty must be a whole number from 1 to 5' }),
  tags: z.array(text('a tag')).default([]),
  visibility: z
    .enum(VISIBILITIES, { error: 'visibility must be practice or exam' })
    .default('practice')
    .describe('practice: in the catalogue for everyone; exam: never listed, used only inside exams a trainer sets'),
  summary: text('summary').optional().describe('One line for the catalogue'),
  report: reportSchema,
  answerKey: z.strictObject({
    diagnoses: z.array(diagnosisSchema).min(1, { error: 'list at least one expected diagnosis' }),
    procedures: z.array(procedureSchema).default([]),
    distractors: z.array(distractorSchema).default([]),
  }),
});

export type Scenario = z.output<typeof scenarioSchema>;
export type ExpectedDiagnosis = z.output<typeof diagnosisSchema>;
export type ExpectedProcedure = z.output<typeof procedureSchema>;
export type Distractor = z.output<typeof distractorSchema>;
