/** The JSON Schema editors use to check and complete scenario files, generated from the zod schema. */
import { z } from 'zod';
import { scenarioSchema } from './schema';

export const JSON_SCHEMA_PATH = 'docs/scenario.schema.json';

export function scenarioJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(scenarioSchema, { io: 'input', unrepresentable: 'any', target: 'draft-7' }) as Record<string, unknown>;
  return {
    ...generated,
    $id: 'https://handoff.invalid/scenario.schema.json',
    title: 'Handoff scenario, format version 1',
    description: 'One practice scenario: a transcribed report and its answer key. Generated from server/scenarios/schema.ts by `npm run schema`; do not edit by hand.',
  };
}

export function scenarioJsonSchemaText(): string {
  return `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;
}
