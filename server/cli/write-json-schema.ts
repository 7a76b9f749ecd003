import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { APP_ROOT } from '../paths';
import { JSON_SCHEMA_PATH, scenarioJsonSchemaText } from '../scenarios/json-schema';
import { runMain } from './io';

runMain(async (_args, io) => {
  await writeFile(path.join(APP_ROOT, JSON_SCHEMA_PATH), scenarioJsonSchemaText());
  io.out(`wrote ${JSON_SCHEMA_PATH}`);
  return 0;
});
