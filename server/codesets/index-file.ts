/**
 * The compact index Handoff keeps of an imported code set, one file per set under
 * DATA_DIR/codesets: a header line, a JSON metadata line, then one tab-separated row per
 * code. Written through the durable-write helper (a temporary file, fsynced, renamed), so a
 * failed import never leaves a half-written set and the previous one stays in place until
 * the new one is complete.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../durable-file';
import {
  checkHierarchy,
  ImportError,
  TABULAR_FORMAT,
  type CodeRow,
  type ParsedCodeSet,
  type ParsedTabular,
  type SetInfo,
} from './types';

const MAGIC = '#handoff-codeset 1';

export interface StoredCodeSet {
  info: SetInfo;
  rows: CodeRow[];
  modifiers?: Array<{ code: string; title: string }>;
}

export interface StoredTabular {
  info: SetInfo;
  tabular: ParsedTabular;
}

export const setId = (info: Pick<SetInfo, 'kind' | 'version'>) => `${info.kind}-${info.version}`;

export function codesetsDir(dataDir: string): string {
  return path.join(dataDir, 'codesets');
}

const clean = (text: string) => text.replace(/[\t\r\n]+/g, ' ');

export async function writeCodeSet(dataDir: string, info: SetInfo, parsed: ParsedCodeSet): Promise<string> {
  const header = JSON.stringify({ info, modifiers: parsed.modifiers });
  const lines = parsed.rows.map((r) => {
    const base = `${r.code}\t${r.billable ? 1 : 0}\t${clean(r.title)}`;
    return info.kind === 'hcpcs' ? `${base}\t${r.added ?? ''}\t${r.terminated ?? ''}` : base;
  });
  const file = path.join(codesetsDir(dataDir), `${setId(info)}.tsv`);
  await writeFileAtomic(file, `${MAGIC}\n${header}\n${lines.join('\n')}\n`, { createFolder: true });
  return file;
}

export async function writeTabular(dataDir: string, info: SetInfo, tabular: ParsedTabular): Promise<string> {
  const file = path.join(codesetsDir(dataDir), `${setId(info)}.json`);
  await writeFileAtomic(file, JSON.stringify({ magic: MAGIC, info, tabular }), { createFolder: true });
  return file;
}

export async function readCodeSetFile(file: string): Promise<StoredCodeSet> {
  const text = await readFile(file, 'utf8');
  const lines = text.split('\n');
  if (lines[0] !== MAGIC) throw new ImportError(`${file} is not a Handoff code-set index`);
  const { info, modifiers } = JSON.parse(lines[1]) as {
    info: SetInfo;
    modifiers?: StoredCodeSet['modifiers'];
  };
  const rows: CodeRow[] = [];
  for (let i = 2; i < lines.length; i++) {
    const line = lines[i];
    if (line === '') continue;
    const parts = line.split('\t');
    const row: CodeRow = { code: parts[0], billable: parts[1] === '1', title: parts[2] };
    if (parts.length > 3) {
      row.added = parts[3];
      row.terminated = parts[4];
    }
    rows.push(row);
  }
  if (rows.length !== info.count)
    throw new ImportError(
      `${file} holds ${rows.length} codes where its header says ${info.count}: the index is damaged; import the set again`,
    );
  return { info, rows, modifiers };
}

export async function readTabularFile(file: string): Promise<StoredTabular> {
  const data = JSON.parse(await readFile(file, 'utf8')) as {
    magic: string;
    info: SetInfo;
    tabular: ParsedTabular;
  };
  if (data.magic !== MAGIC) throw new ImportError(`${file} is not a Handoff code-set index`);
  if (data.tabular?.format !== TABULAR_FORMAT) {
    throw new ImportError(
      `${file} was written by an earlier Handoff, whose index lost the sections that share an id with their category; import the tabular file again`,
    );
  }
  checkHierarchy(data.tabular, file);
  return { info: data.info, tabular: data.tabular };
}

/** Every index file in the folder (none when it does not exist). */
export async function listIndexFiles(dataDir: string): Promise<string[]> {
  const dir = codesetsDir(dataDir);
  const names = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [] as string[];
    throw error;
  });
  return names
    .filter((n) => /\.(tsv|json)$/.test(n))
    .sort()
    .map((n) => path.join(dir, n));
}
