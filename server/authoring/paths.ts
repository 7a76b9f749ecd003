/**
 * Where the authoring pages may read and write: scenario files inside the scenarios
 * folder, never outside it (no `..`, no absolute paths, no symbolic link leading out),
 * never in the glossary folder, and only `.yaml` files. A draft is `<name>.draft.yaml`
 * beside the file it will become; the library does not serve drafts.
 */
import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { NOT_SCENARIO_FOLDERS } from '../scenarios/library';
import { AuthoringError } from './errors';

export const DRAFT_SUFFIX = '.draft.yaml';

export const isDraft = (file: string) => file.toLowerCase().endsWith(DRAFT_SUFFIX);

/** The draft's name for a scenario file: `office/a.yaml` → `office/a.draft.yaml`. */
export function draftOf(file: string): string {
  return isDraft(file) ? file : file.replace(/\.(ya?ml|json)$/i, '') + DRAFT_SUFFIX;
}

/** The file a draft becomes: `office/a.draft.yaml` → `office/a.yaml`. */
export function publishedOf(draft: string): string {
  return draft.slice(0, -DRAFT_SUFFIX.length) + '.yaml';
}

/** A folder of the scenarios folder, as the trainer wrote it ("", "office", "week-3/cases"). */
export function cleanFolder(folder: unknown): string {
  if (typeof folder !== 'string')
    throw new AuthoringError(400, 'folder: a folder inside the scenarios folder ("" for the top)');
  const written = folder.trim().replace(/\\/g, '/');
  if (written.startsWith('/') || /^[A-Za-z]:/.test(written))
    throw new AuthoringError(
      400,
      `folder: "${folder}" is outside the scenarios folder; give one inside it, like "office"`,
    );
  const trimmed = written.replace(/\/+$/g, '');
  if (trimmed === '') return '';
  const parts = trimmed.split('/');
  if (
    parts.some(
      (p) => p === '' || p === '.' || p === '..' || p.startsWith('.') || !/^[A-Za-z0-9._ -]{1,80}$/.test(p),
    )
  )
    throw new AuthoringError(400, `folder: "${folder}" is not a folder inside the scenarios folder`);
  if (NOT_SCENARIO_FOLDERS.has(parts[0]))
    throw new AuthoringError(400, `folder: "${parts[0]}" holds the glossary, not scenarios`);
  return parts.join('/');
}

/**
 * The absolute path of a file named relative to the scenarios folder, checked to be
 * inside it (following symbolic links of the folders that exist).
 */
export async function insideRoot(root: string, relative: string): Promise<string> {
  const absolute = path.resolve(root, relative);
  const rootReal = await realpath(root);
  const within = (p: string) => p === rootReal || p.startsWith(rootReal + path.sep);
  if (!within(path.resolve(rootReal, relative)))
    throw new AuthoringError(400, `"${relative}" is outside the scenarios folder`);
  // The deepest part that exists decides where a symbolic link really leads.
  let existing = absolute;
  for (;;) {
    const real = await realpath(existing).catch(() => undefined);
    if (real !== undefined) {
      if (!within(real)) throw new AuthoringError(400, `"${relative}" leads outside the scenarios folder`);
      break;
    }
    const parent = path.dirname(existing);
    if (parent === existing) break;
    existing = parent;
  }
  return absolute;
}
