/**
 * The glossary file format: `entries:`, a list of terms and abbreviations with their
 * expansion, a plain-language definition, the body system, and where useful what they
 * mean for coding. Trainers extend it by adding files under `scenarios/glossary/`.
 */
import { z } from 'zod';

export const BODY_SYSTEMS = [
  'general',
  'cardiovascular',
  'respiratory',
  'digestive',
  'musculoskeletal',
  'nervous',
  'endocrine',
  'genitourinary',
  'reproductive',
  'obstetric',
  'integumentary',
  'eye',
  'ear-nose-throat',
  'blood-immune',
  'mental-health',
  'infectious',
  'oncology',
  'pharmacology',
  'laboratory',
  'imaging',
  'anesthesia',
  'documentation',
] as const;

/** Letters or digits somewhere: a term made only of punctuation could never be found. */
const wording = (what: string, max: number) =>
  z
    .string()
    .trim()
    .min(1, `${what} is empty`)
    .max(max, `${what} is at most ${max} characters`)
    .regex(/[\p{L}\p{N}]/u, `${what} needs letters or digits`)
    .refine((t) => !/[\r\n]/.test(t), `${what} is one line`);

export const glossaryEntrySchema = z
  .strictObject({
    term: wording('a term', 80),
    kind: z.enum(['abbreviation', 'term'], { error: 'kind is abbreviation or term' }),
    expansion: wording('an expansion', 200).optional(),
    definition: z.string().trim().min(10, 'a definition of at least 10 characters is needed').max(1500),
    bodySystem: z.enum(BODY_SYSTEMS, { error: `bodySystem is one of: ${BODY_SYSTEMS.join(', ')}` }),
    coding: z.string().trim().min(1).max(1500).optional(),
    aliases: z.array(wording('an alias', 80)).max(20).optional(),
  })
  .refine((e) => e.kind !== 'abbreviation' || e.expansion !== undefined, {
    error: 'an abbreviation needs its expansion',
    path: ['expansion'],
  });

export const glossaryFileSchema = z.strictObject({
  entries: z.array(glossaryEntrySchema).min(1, 'a glossary file lists at least one entry'),
});

export type GlossaryEntryInput = z.output<typeof glossaryEntrySchema>;
