/**
 * One glossary file read and checked: each entry where it stands in the file (for the
 * problems that name it later), or the problems, each with its line and column. A bad
 * entry is reported and left out; the file's other entries are kept.
 */
import { readFile, stat } from 'node:fs/promises';
import { parseSource } from '../scenarios/parse-source';
import { formatPath } from '../scenarios/problems';
import { glossaryEntrySchema, glossaryFileSchema, type GlossaryEntryInput } from './schema';
import { glossaryProblem, type GlossaryProblem } from './problems';

export const MAX_GLOSSARY_BYTES = 2 * 1024 * 1024;

export interface SourcedEntry extends GlossaryEntryInput {
  file: string;
  line: number;
  col: number;
  /** Place in the file's list. */
  index: number;
}

export interface GlossaryFileResult {
  file: string;
  entries: SourcedEntry[];
  problems: GlossaryProblem[];
}

export function loadGlossaryText(text: string, file: string): GlossaryFileResult {
  const parsed = parseSource(text, 'YAML');
  if (!parsed.ok)
    return {
      file,
      entries: [],
      problems: parsed.problems.map((p) =>
        glossaryProblem(
          'glossary-syntax',
          { file, line: p.line, col: p.col, path: '' },
          { reason: p.reason },
        ),
      ),
    };
  const problems: GlossaryProblem[] = [];
  const at = (path: Array<string | number>, key = false) => ({
    file,
    ...parsed.locate(path, { key }),
    path: formatPath(path),
  });
  const data = parsed.data as { entries?: unknown } | null;
  const whole = glossaryFileSchema.safeParse(data);
  if (whole.success)
    return {
      file,
      entries: whole.data.entries.map((e, index) => ({
        ...e,
        file,
        index,
        ...parsed.locate(['entries', index]),
      })),
      problems,
    };
  // Check entry by entry, so one bad entry costs only itself.
  const list =
    data && typeof data === 'object' && Array.isArray(data.entries) ? (data.entries as unknown[]) : undefined;
  if (!list) {
    for (const issue of whole.error.issues.filter((i) => i.path[0] !== 'entries' || i.path.length === 1))
      problems.push(...issueProblems(issue, [], at));
    if (problems.length === 0)
      problems.push(
        glossaryProblem('glossary-invalid', at([]), { reason: 'expected `entries:` with a list of terms' }),
      );
    return { file, entries: [], problems };
  }
  if (list.length === 0)
    problems.push(
      glossaryProblem('glossary-invalid', at(['entries']), {
        reason: 'a glossary file lists at least one entry',
      }),
    );
  const entries: SourcedEntry[] = [];
  list.forEach((raw, index) => {
    const entry = glossaryEntrySchema.safeParse(raw);
    if (entry.success) entries.push({ ...entry.data, file, index, ...parsed.locate(['entries', index]) });
    else
      for (const issue of entry.error.issues) problems.push(...issueProblems(issue, ['entries', index], at));
  });
  return { file, entries, problems };
}

type Issue = { code: string; message: string; keys?: string[]; path: PropertyKey[] };
type Where = { file: string; line: number; col: number; path: string };

/** One problem per issue, and one per unknown field (pointing at the field's name). */
function issueProblems(
  issue: Issue,
  prefix: Array<string | number>,
  at: (path: Array<string | number>, key?: boolean) => Where,
): GlossaryProblem[] {
  const path = [...prefix, ...(issue.path as Array<string | number>)];
  if (issue.code === 'unrecognized_keys')
    return (issue.keys ?? []).map((key) =>
      glossaryProblem('glossary-invalid', at([...path, key], true), { reason: `unknown field "${key}"` }),
    );
  const missing = issue.code === 'invalid_type' && /received undefined/.test(issue.message);
  const reason = missing ? `required field "${String(path[path.length - 1])}" is missing` : issue.message;
  return [glossaryProblem('glossary-invalid', at(path), { reason })];
}

export async function loadGlossaryFile(absolutePath: string, file: string): Promise<GlossaryFileResult> {
  const unreadable = (reason: string): GlossaryFileResult => ({
    file,
    entries: [],
    problems: [glossaryProblem('glossary-unreadable', { file, line: 1, col: 1, path: '' }, { reason })],
  });
  try {
    const info = await stat(absolutePath);
    if (!info.isFile()) return unreadable('it is not a regular file');
    if (info.size > MAX_GLOSSARY_BYTES)
      return unreadable(`it is ${info.size} bytes, more than the ${MAX_GLOSSARY_BYTES}-byte limit`);
    const text = new TextDecoder('utf-8', { fatal: true }).decode(await readFile(absolutePath));
    return loadGlossaryText(text, file);
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    if (e.code === 'ERR_ENCODING_INVALID_ENCODED_DATA')
      return unreadable('it is not valid UTF-8 text (save it as UTF-8)');
    return unreadable(e.code ? `${e.code}: ${e.message}` : e.message);
  }
}
