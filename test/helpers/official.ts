import { CodeSets } from '../../server/codesets/code-sets';

/** The data folder holding the imported official code sets, or '' when they are absent. */
export const OFFICIAL_DATA_DIR = process.env.HANDOFF_OFFICIAL_DATA_DIR ?? '';
export const OFFICIAL_SOURCE = process.env.HANDOFF_OFFICIAL_SOURCE ?? '';

/** `describe` when the official files are present, `describe.skip` (announced by the global setup) when not. */
export const describeWithOfficialSets = OFFICIAL_DATA_DIR ? describe : describe.skip;

let loaded: Promise<CodeSets> | undefined;
export function officialCodeSets(): Promise<CodeSets> {
  loaded ??= CodeSets.load(OFFICIAL_DATA_DIR);
  return loaded;
}
