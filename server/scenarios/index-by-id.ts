import type { FileLoadResult } from './load-file';
import type { ScenarioModel } from './model';
import { problemMessage, type ScenarioProblem } from './problems';

/**
 * Index valid scenarios by id. When files share an id, the first in path order keeps
 * it and each later one gets a duplicate-id problem (and is not served), so which file
 * wins never depends on load timing.
 */
export function indexById(results: readonly FileLoadResult[]): { byId: Map<string, ScenarioModel>; problems: ScenarioProblem[] } {
  const byId = new Map<string, ScenarioModel>();
  const owner = new Map<string, string>();
  const problems: ScenarioProblem[] = [];
  for (const result of [...results].sort((a, b) => a.file.localeCompare(b.file))) {
    if (!result.id) continue;
    const first = owner.get(result.id.value);
    if (first === undefined) {
      owner.set(result.id.value, result.file);
      if (result.scenario) byId.set(result.id.value, result.scenario);
      continue;
    }
    problems.push({
      problem: 'duplicate-id',
      file: result.file,
      ...result.id.position,
      path: 'id',
      message: problemMessage('duplicate-id', { id: result.id.value, otherFile: first }),
    });
  }
  return { byId, problems };
}
