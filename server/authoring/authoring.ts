/**
 * Scenario files as trainers edit them in the browser. The files stay the source of truth:
 * every save is checked with the validator's own rules (and the official code sets when
 * imported), written atomically into the scenarios folder and picked up by the live
 * library. A save names the version it was based on (a hash of the file's bytes); when the
 * file changed since, the save is refused and the trainer keeps their text. A scenario
 * with problems may be kept only as a draft (`*.draft.yaml`), which the library never serves.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { CodeSets } from '../codesets/code-sets';
import { ensureFolder, writeFileAtomic } from '../durable-file';
import { loadScenarioText, MAX_SCENARIO_BYTES } from '../scenarios/load-file';
import type { ScenarioModel } from '../scenarios/model';
import { parseSource } from '../scenarios/parse-source';
import { AuthoringError, type AuthoringProblem } from './errors';
import { mergeIntoText, newScenarioText } from './merge';
import { cleanFolder, draftOf, insideRoot, isDraft, publishedOf } from './paths';
import { NOT_SCENARIO_FOLDERS } from '../scenarios/library';

/** Scenario files are content people review in git: readable by all, like the bundled ones. */
const SCENARIO_FILE_MODE = 0o644;
const SCENARIO_FOLDER_MODE = 0o755;

export const versionOf = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 20);

export interface LibraryAccess {
  readonly root: string;
  get(id: string): ScenarioModel | undefined;
  list(): ScenarioModel[];
  /** Re-read one file now (the watcher would too, a moment later). */
  refreshFile(absolutePath: string): Promise<void>;
}

/** The edit: the whole text, or the scenario's values to apply to the file (keeping its formatting). */
export interface Edit {
  text?: unknown;
  scenario?: unknown;
  draft?: unknown;
}

export interface Saved {
  id: string;
  path: string;
  version: string;
  draft: boolean;
  problems: AuthoringProblem[];
}

export class Authoring {
  constructor(
    private readonly library: LibraryAccess,
    private readonly codeSets?: () => CodeSets | undefined,
  ) {}

  /** The validator's problems for a text, as the editor shows them beside their fields. */
  validate(text: string, file = 'draft.yaml'): AuthoringProblem[] {
    const sets = this.codeSets?.();
    const result = loadScenarioText(text, file, 'YAML', sets && !sets.isEmpty ? { codeSets: sets } : {});
    return result.problems.map((p) => ({
      line: p.line,
      column: p.col,
      path: p.path,
      message: p.message,
      id: p.problem,
    }));
  }

  async read(id: string): Promise<{ path: string; text: string; version: string }> {
    const scenario = this.library.get(id);
    if (!scenario) throw new AuthoringError(404, `scenario "${id}" not found`);
    const text = await readFile(await insideRoot(this.library.root, scenario.file), 'utf8');
    return { path: scenario.file, text, version: versionOf(text) };
  }

  async readDraft(relative: string): Promise<{ path: string; text: string; version: string }> {
    if (!isDraft(relative)) throw new AuthoringError(400, 'path: a draft file ends in .draft.yaml');
    const text = await readFile(await insideRoot(this.library.root, relative), 'utf8').catch(() => {
      throw new AuthoringError(404, `draft "${relative}" not found`);
    });
    return { path: relative, text, version: versionOf(text) };
  }

  /** Saves an edit of a scenario's own file; refused (409) when the file changed since `version`. */
  async update(id: string, edit: Edit & { version?: unknown }): Promise<Saved> {
    const scenario = this.library.get(id);
    if (!scenario) throw new AuthoringError(404, `scenario "${id}" not found`);
    const absolute = await insideRoot(this.library.root, scenario.file);
    const current = await readFile(absolute, 'utf8');
    if (typeof edit.version !== 'string' || edit.version !== versionOf(current))
      throw new AuthoringError(
        409,
        `${scenario.file} changed since you opened it (another trainer saved it, or it was edited on disk). Nothing was written and your text is kept here: copy it, reload to see the file as it is now, and apply your changes again.`,
      );
    const text = this.textOf(edit, current);
    const newId = idIn(text);
    if (newId && newId !== id && this.library.get(newId))
      throw new AuthoringError(409, `id "${newId}" is already used by ${this.library.get(newId)?.file}`);
    return this.write(scenario.file, text, edit.draft === true, newId ?? id);
  }

  /** Saves a new scenario into a folder of the scenarios folder, as `<id>.yaml`. */
  async create(folder: unknown, edit: Edit): Promise<Saved> {
    const where = cleanFolder(folder);
    const text = this.textOf(edit);
    const id = idIn(text);
    if (!id)
      throw new AuthoringError(
        422,
        'the scenario needs a valid id (kebab-case) before it can be saved',
        this.validate(text),
      );
    const existing = this.library.get(id);
    if (existing) throw new AuthoringError(409, `id "${id}" is already used by ${existing.file}`);
    const relative = where === '' ? `${id}.yaml` : `${where}/${id}.yaml`;
    const absolute = await insideRoot(this.library.root, relative);
    if (await stat(absolute).catch(() => null)) throw new AuthoringError(409, `${relative} already exists`);
    return this.write(relative, text, edit.draft === true, id);
  }

  /** The text saving these values would write: applied to the file's text, or a new file. */
  render(scenario: Record<string, unknown>, current?: string): string {
    return this.textOf({ scenario }, current);
  }

  /** Throws a draft away. */
  async discardDraft(relative: string): Promise<void> {
    if (!isDraft(relative)) throw new AuthoringError(400, 'path: a draft file ends in .draft.yaml');
    await rm(await insideRoot(this.library.root, relative), { force: true });
  }

  /** Every scenario file and draft, and the folders a new file may go into. */
  async files(): Promise<{
    drafts: Array<{ path: string; id?: string; publishes: string }>;
    folders: string[];
  }> {
    const drafts: Array<{ path: string; id?: string; publishes: string }> = [];
    const folders = new Set<string>(['']);
    const walk = async (relative: string): Promise<void> => {
      const entries = await readdir(path.join(this.library.root, relative), { withFileTypes: true }).catch(
        () => [],
      );
      for (const entry of entries) {
        if (entry.name.startsWith('.')) continue;
        const child = relative === '' ? entry.name : `${relative}/${entry.name}`;
        if (
          entry.isDirectory() &&
          !(relative === '' && NOT_SCENARIO_FOLDERS.has(entry.name)) &&
          entry.name !== 'node_modules'
        ) {
          folders.add(child);
          await walk(child);
        } else if (entry.isFile() && isDraft(entry.name)) {
          const text = await readFile(path.join(this.library.root, child), 'utf8').catch(() => '');
          drafts.push({ path: child, id: idIn(text), publishes: publishedOf(child) });
        }
      }
    };
    await walk('');
    return { drafts: drafts.sort((a, b) => a.path.localeCompare(b.path)), folders: [...folders].sort() };
  }

  private textOf(edit: Edit, current?: string): string {
    let text: string;
    if (typeof edit.text === 'string') text = edit.text;
    else if (edit.scenario && typeof edit.scenario === 'object' && !Array.isArray(edit.scenario))
      text =
        current === undefined
          ? newScenarioText(edit.scenario as Record<string, unknown>)
          : mergeIntoText(current, edit.scenario as Record<string, unknown>);
    else throw new AuthoringError(400, 'send the scenario as "text" (YAML) or as "scenario" (its fields)');
    if (Buffer.byteLength(text) > MAX_SCENARIO_BYTES)
      throw new AuthoringError(413, `a scenario file is at most ${MAX_SCENARIO_BYTES} bytes`);
    return text;
  }

  private async write(relative: string, text: string, draft: boolean, id: string): Promise<Saved> {
    const problems = this.validate(text, relative);
    if (problems.length > 0 && !draft)
      throw new AuthoringError(
        422,
        `${problems.length} problem(s): nothing was written (save it as a draft to keep it)`,
        problems,
      );
    const target = draft ? draftOf(relative) : relative;
    const absolute = await insideRoot(this.library.root, target);
    await ensureFolder(path.dirname(absolute), SCENARIO_FOLDER_MODE);
    await writeFileAtomic(absolute, text, { mode: SCENARIO_FILE_MODE });
    if (!draft) {
      await rm(await insideRoot(this.library.root, draftOf(relative)), { force: true });
      await this.library.refreshFile(absolute);
    }
    return { id, path: target, version: versionOf(text), draft, problems };
  }
}

/** The id the text gives, when it is one. */
function idIn(text: string): string | undefined {
  const parsed = parseSource(text, 'YAML');
  if (!parsed.ok) return undefined;
  const id = (parsed.data as { id?: unknown } | null)?.id;
  return typeof id === 'string' && /^[a-z0-9]+(-[a-z0-9]+)*$/.test(id) && id.length <= 100 ? id : undefined;
}
