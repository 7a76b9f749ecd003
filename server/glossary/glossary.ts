/**
 * The glossary: every file under `scenarios/glossary/`, checked, merged and kept current
 * while the server runs (file events, and a slow poll for what events miss). A bad entry
 * or file is reported and left out; a term defined twice is refused where it repeats.
 * It finds its terms in a report (cached per report, so pages pay once per scenario
 * version) and says which scenarios use each entry.
 */
import { watch, type FSWatcher } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { loadGlossaryFile, type GlossaryFileResult, type SourcedEntry } from './load-file';
import { TermMatcher, type TermForm, type TermMatch } from './matcher';
import { glossaryProblem, type GlossaryProblem } from './problems';

export const GLOSSARY_FOLDER = 'glossary';

export interface GlossaryEntry extends SourcedEntry {
  /** Stable within one glossary: used for anchors and links (`gl-…`). */
  id: string;
}

interface FileState {
  result: GlossaryFileResult;
  mtimeMs: number;
  size: number;
}

/** The key a form is unique by: abbreviations by their letters and case, terms by their letters. */
function formKey(text: string, caseSensitive: boolean): string {
  const squashed = text.trim().replace(/\s+/g, ' ');
  return caseSensitive ? `A:${squashed}` : `T:${squashed.toLowerCase()}`;
}

function slug(term: string): string {
  const s = term
    .normalize('NFKD')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase();
  return s === '' ? 'term' : s.slice(0, 60);
}

export class Glossary {
  private readonly files = new Map<string, FileState>();
  private built: {
    entries: GlossaryEntry[];
    byId: Map<string, GlossaryEntry>;
    matcher: TermMatcher;
    problems: GlossaryProblem[];
  } = {
    entries: [],
    byId: new Map(),
    matcher: new TermMatcher([]),
    problems: [],
  };
  /** Bumped on every change, so cached matches know they are stale. */
  private version = 0;
  private readonly matches = new WeakMap<object, { version: number; text: string; matches: TermMatch[] }>();
  private readonly listeners = new Set<() => void>();
  private watcher?: FSWatcher;
  private pollTimer?: NodeJS.Timeout;
  private debounce?: NodeJS.Timeout;

  /** The glossary of a scenarios folder lives in its `glossary` sub-folder. */
  constructor(
    readonly folder: string,
    private readonly logger: { info(m: string): void; warn(m: string): void } = {
      info: () => {},
      warn: () => {},
    },
  ) {}

  static forScenarios(
    scenariosDir: string,
    logger?: { info(m: string): void; warn(m: string): void },
  ): Glossary {
    return new Glossary(path.join(scenariosDir, GLOSSARY_FOLDER), logger);
  }

  entries(): readonly GlossaryEntry[] {
    return this.built.entries;
  }

  get(id: string): GlossaryEntry | undefined {
    return this.built.byId.get(id);
  }

  problems(): readonly GlossaryProblem[] {
    return this.built.problems;
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The glossary's terms in a text, longest first where they overlap. */
  find(text: string): TermMatch[] {
    return this.built.matcher.find(text);
  }

  /** The same, remembered for the owner (a scenario) until the glossary or the text changes. */
  findFor(owner: object, text: string): TermMatch[] {
    const kept = this.matches.get(owner);
    if (kept && kept.version === this.version && kept.text === text) return kept.matches;
    const matches = this.find(text);
    this.matches.set(owner, { version: this.version, text, matches });
    return matches;
  }

  /** Reads new and changed files, forgets removed ones; rebuilds when anything changed. */
  async refresh(): Promise<void> {
    const names = await readdir(this.folder).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT')
        this.logger.warn(`cannot read glossary folder ${this.folder}: ${error.code ?? error.message}`);
      return [] as string[];
    });
    const wanted = new Set(
      names.filter((n) => !n.startsWith('.') && /\.ya?ml$/i.test(n)).map((n) => path.join(this.folder, n)),
    );
    let changed = false;
    for (const file of [...this.files.keys()])
      if (!wanted.has(file)) {
        this.files.delete(file);
        changed = true;
      }
    await Promise.all(
      [...wanted].map(async (file) => {
        const info = await stat(file).catch(() => null);
        if (!info) return;
        const known = this.files.get(file);
        if (known && known.mtimeMs === info.mtimeMs && known.size === info.size) return;
        const result = await loadGlossaryFile(file, `${GLOSSARY_FOLDER}/${path.basename(file)}`);
        this.files.set(file, { result, mtimeMs: info.mtimeMs, size: info.size });
        if (result.problems.length > 0)
          this.logger.warn(`glossary file ${result.file} has ${result.problems.length} problem(s)`);
        else if (known) this.logger.info(`glossary reloaded: ${result.file}`);
        changed = true;
      }),
    );
    if (changed || this.version === 0) this.rebuild();
  }

  /** Keeps the glossary current while the server runs. */
  watch(options: { debounceMs?: number; pollMs?: number } = {}): void {
    const debounceMs = options.debounceMs ?? 100;
    const pollMs = options.pollMs ?? 5000;
    const later = () => {
      clearTimeout(this.debounce);
      this.debounce = setTimeout(
        () => void this.refresh().catch((e: Error) => this.logger.warn(e.message)),
        debounceMs,
      );
    };
    try {
      this.watcher = watch(this.folder, later);
      this.watcher.on('error', () => this.watcher?.close());
    } catch {
      // No folder yet, or no events here: the poll finds it.
    }
    if (pollMs > 0) {
      this.pollTimer = setInterval(later, pollMs);
      this.pollTimer.unref();
    }
  }

  close(): void {
    this.watcher?.close();
    clearInterval(this.pollTimer);
    clearTimeout(this.debounce);
  }

  private rebuild(): void {
    const results = [...this.files.values()]
      .map((f) => f.result)
      .sort((a, b) => a.file.localeCompare(b.file));
    const problems = results.flatMap((r) => r.problems);
    const seen = new Map<string, SourcedEntry>();
    const slugs = new Set<string>();
    const entries: GlossaryEntry[] = [];
    const forms: TermForm[] = [];
    for (const entry of results.flatMap((r) => r.entries)) {
      const abbreviation = entry.kind === 'abbreviation';
      const own = [entry.term, ...(entry.aliases ?? [])];
      const clash = own
        .map((t) => ({ t, other: seen.get(formKey(t, abbreviation)) }))
        .find((c) => c.other && c.other !== entry);
      if (clash?.other) {
        problems.push(
          glossaryProblem(
            'glossary-duplicate',
            { file: entry.file, line: entry.line, col: entry.col, path: `entries[${entry.index}]` },
            { term: clash.t, other: `${clash.other.file}:${clash.other.line}` },
          ),
        );
        continue;
      }
      for (const t of own) seen.set(formKey(t, abbreviation), entry);
      let id = `gl-${slug(entry.term)}`;
      for (let n = 2; slugs.has(id); n++) id = `gl-${slug(entry.term)}-${n}`;
      slugs.add(id);
      entries.push({ ...entry, id });
      for (const t of own) forms.push({ entryId: id, text: t, caseSensitive: abbreviation });
    }
    entries.sort(
      (a, b) => a.term.localeCompare(b.term, 'en', { sensitivity: 'base' }) || a.term.localeCompare(b.term),
    );
    this.built = {
      entries,
      byId: new Map(entries.map((e) => [e.id, e])),
      matcher: new TermMatcher(forms),
      problems,
    };
    this.version++;
    for (const listener of this.listeners) listener();
  }
}
