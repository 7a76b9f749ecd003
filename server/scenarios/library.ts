/**
 * The scenario library: every scenario file under one folder, loaded, validated and
 * kept current while the server runs. A bad file is reported and skipped; it never
 * stops the others. Reloading a file costs only that file (plus a map rebuild).
 */
import { watch, type FSWatcher } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { loadScenarioFile, type FileLoadResult } from './load-file';
import type { ScenarioModel } from './model';
import type { ScenarioProblem } from './problems';
import { indexById } from './index-by-id';

export const SCENARIO_EXTENSIONS = ['.yaml', '.yml', '.json'];
/** Folders under the scenarios folder that hold other files than scenarios (the glossary). */
export const NOT_SCENARIO_FOLDERS = new Set(['glossary']);

export interface LibraryLogger {
  info(message: string): void;
  warn(message: string): void;
}

interface Entry {
  result: FileLoadResult;
  mtimeMs: number;
  size: number;
}

export function isScenarioFileName(name: string): boolean {
  const base = path.basename(name);
  // Drafts saved from the authoring page (`*.draft.yaml`) may have problems: never served.
  return (
    !base.startsWith('.') &&
    !base.toLowerCase().endsWith('.draft.yaml') &&
    SCENARIO_EXTENSIONS.includes(path.extname(base).toLowerCase())
  );
}

export class ScenarioLibrary {
  private readonly entries = new Map<string, Entry>();
  private byId = new Map<string, ScenarioModel>();
  private duplicateProblems: ScenarioProblem[] = [];
  private watcher?: FSWatcher;
  private pollTimer?: NodeJS.Timeout;
  private readonly pending = new Map<string, NodeJS.Timeout>();
  private readonly listeners = new Set<() => void>();
  private loadedOnce = false;

  constructor(
    readonly root: string,
    private readonly logger: LibraryLogger = { info: () => {}, warn: () => {} },
  ) {}

  /** Load every scenario file under the root (or the given files and folders). */
  async loadAll(): Promise<void> {
    await this.rescan();
  }

  list(): ScenarioModel[] {
    return [...this.byId.values()].sort((a, b) => a.difficulty - b.difficulty || a.title.localeCompare(b.title));
  }

  get(id: string): ScenarioModel | undefined {
    return this.byId.get(id);
  }

  /** Every problem in every file, in file order. */
  problems(): ScenarioProblem[] {
    const all = [...this.entries.values()].flatMap((e) => e.result.problems).concat(this.duplicateProblems);
    return all.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.col - b.col);
  }

  fileCount(): number {
    return this.entries.size;
  }

  /** Called after every change that reached the library. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Re-read one file (or forget it when it is gone). */
  async refreshFile(absolutePath: string): Promise<void> {
    const info = await stat(absolutePath).catch(() => null);
    if (!info) {
      if (this.entries.delete(absolutePath)) {
        this.logger.info(`scenario file removed: ${this.display(absolutePath)}`);
        this.afterChange();
      }
      return;
    }
    if (this.inOtherFolder(absolutePath)) return;
    if (info.isDirectory()) return this.rescan(absolutePath);
    if (!info.isFile() || !isScenarioFileName(absolutePath)) return;
    const known = this.entries.get(absolutePath);
    if (known && known.mtimeMs === info.mtimeMs && known.size === info.size) return;
    await this.loadOne(absolutePath, info.mtimeMs, info.size);
    this.afterChange();
  }

  /** Walk the folder, load new or changed files, forget vanished ones. */
  async rescan(folder: string = this.root): Promise<void> {
    const seen = new Set<string>();
    let changed = false;
    const files = await listScenarioFiles(folder).catch((error: NodeJS.ErrnoException) => {
      this.logger.warn(`cannot read scenarios folder ${folder}: ${error.code ?? error.message}`);
      return [] as string[];
    });
    await Promise.all(
      files.map(async (file) => {
        seen.add(file);
        const info = await stat(file).catch(() => null);
        if (!info) return;
        const known = this.entries.get(file);
        if (known && known.mtimeMs === info.mtimeMs && known.size === info.size) return;
        changed = true;
        await this.loadOne(file, info.mtimeMs, info.size);
      }),
    );
    const prefix = folder.endsWith(path.sep) ? folder : folder + path.sep;
    for (const file of [...this.entries.keys()]) {
      if ((file === folder || file.startsWith(prefix)) && !seen.has(file)) {
        this.entries.delete(file);
        changed = true;
      }
    }
    // The slow poll usually finds nothing new: then there is nothing to rebuild or announce.
    if (changed || !this.loadedOnce) this.afterChange();
    this.loadedOnce = true;
  }

  /**
   * Keep the library current: file-system events name the file to reload; a slow
   * poll catches what events miss (network drives, editors that swap files).
   */
  watch(options: { debounceMs?: number; pollMs?: number } = {}): void {
    const debounceMs = options.debounceMs ?? 100;
    const pollMs = options.pollMs ?? 5000;
    try {
      this.watcher = watch(this.root, { recursive: true }, (_event, name) => {
        if (!name) return this.schedule(this.root, debounceMs);
        this.schedule(path.join(this.root, name.toString()), debounceMs);
      });
      this.watcher.on('error', (error) => this.logger.warn(`scenario watcher stopped: ${error.message}; polling instead`));
    } catch (error) {
      this.logger.warn(`cannot watch ${this.root} (${(error as Error).message}); polling every ${pollMs} ms instead`);
    }
    if (pollMs > 0) {
      this.pollTimer = setInterval(() => void this.rescan().catch((e: Error) => this.logger.warn(e.message)), pollMs);
      this.pollTimer.unref();
    }
  }

  close(): void {
    this.watcher?.close();
    clearInterval(this.pollTimer);
    for (const timer of this.pending.values()) clearTimeout(timer);
    this.pending.clear();
  }

  private schedule(target: string, delay: number): void {
    clearTimeout(this.pending.get(target));
    this.pending.set(
      target,
      setTimeout(() => {
        this.pending.delete(target);
        const work = target === this.root ? this.rescan() : this.refreshFile(target);
        work.catch((e: Error) => this.logger.warn(`reloading ${this.display(target)} failed: ${e.message}`));
      }, delay),
    );
  }

  private async loadOne(file: string, mtimeMs: number, size: number): Promise<void> {
    const result = await loadScenarioFile(file, this.display(file));
    const previous = this.entries.get(file);
    this.entries.set(file, { result, mtimeMs, size });
    if (result.problems.length > 0) {
      this.logger.warn(`scenario file ${result.file} has ${result.problems.length} problem(s); it is not served until fixed`);
    } else if (previous) {
      this.logger.info(`scenario reloaded: ${result.file}`);
    }
  }

  private afterChange(): void {
    const { byId, problems } = indexById([...this.entries.values()].map((e) => e.result));
    this.byId = byId;
    this.duplicateProblems = problems;
    for (const listener of this.listeners) listener();
  }

  /** Under a folder of the scenarios folder that holds other files (the glossary): not ours. */
  private inOtherFolder(file: string): boolean {
    const relative = path.relative(this.root, file);
    return relative.split(path.sep).some((part) => NOT_SCENARIO_FOLDERS.has(part));
  }

  private display(file: string): string {
    const relative = path.relative(this.root, file);
    return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative.split(path.sep).join('/');
  }
}

/** Every scenario file under a folder (or the file itself); symbolic links are not followed. */
export async function listScenarioFiles(target: string): Promise<string[]> {
  const info = await stat(target);
  if (info.isFile()) return [path.resolve(target)];
  const out: string[] = [];
  const walk = async (folder: string): Promise<void> => {
    const entries = await readdir(folder, { withFileTypes: true });
    await Promise.all(
      entries.map(async (entry) => {
        const full = path.join(folder, entry.name);
        if (entry.isDirectory() && !entry.name.startsWith('.') && entry.name !== 'node_modules' && !NOT_SCENARIO_FOLDERS.has(entry.name)) await walk(full);
        else if (entry.isFile() && isScenarioFileName(entry.name)) out.push(path.resolve(full));
      }),
    );
  };
  await walk(target);
  return out.sort();
}
