import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { JSON_SCHEMA_PATH, scenarioJsonSchema, scenarioJsonSchemaText } from '../../server/scenarios/json-schema';

describe('the committed JSON Schema', () => {
  it('matches the zod schema (run `npm run schema` after changing the format)', async () => {
    const committed = await readFile(path.resolve(__dirname, '../..', JSON_SCHEMA_PATH), 'utf8');
    expect(committed).toBe(scenarioJsonSchemaText());
  });

  it('describes the contract fields', () => {
    const schema = scenarioJsonSchema() as { required: string[]; properties: Record<string, unknown> };
    expect(schema.required).toEqual(expect.arrayContaining(['id', 'title', 'setting', 'encounter', 'specialty', 'difficulty', 'report', 'answerKey']));
  });
});
