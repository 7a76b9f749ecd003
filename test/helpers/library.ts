import path from 'node:path';
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
