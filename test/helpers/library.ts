import path from 'node:path';
import { Glossary } from '../../server/glossary/glossary';
import { ScenarioLibrary } from '../../server/scenarios/library';

export const BUNDLED_SCENARIOS = path.resolve(__dirname, '../../scenarios');

let bundled: Promise<ScenarioLibrary> | undefined;

/** The bundled library, loaded once per test file. */
export function bundledLibrary(): Promise<ScenarioLibrary> {
  bundled ??= (async () => {
    const library = new ScenarioLibrary(BUNDLED_SCENARIOS);
    await library.loadAll();
    return library;
  })();
  return bundled;
}

let glossary: Promise<Glossary> | undefined;

/** The bundled glossary (scenarios/glossary), loaded once per test file. */
export function bundledGlossary(): Promise<Glossary> {
  glossary ??= (async () => {
    const loaded = Glossary.forScenarios(BUNDLED_SCENARIOS);
    await loaded.refresh();
    return loaded;
  })();
  return glossary;
}
