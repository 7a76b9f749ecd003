/**
 * Importing official release files as CMS publishes them: a zip, or the file inside it.
 * Each file is recognised by its content; nothing is written until the whole file has
 * been read and checked.
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { looksLikeCptCsv, parseCptCsv } from './cpt-file';
import { looksLikeHcpcsFile, parseHcpcsFile } from './hcpcs-file';
import { setId, writeCodeSet, writeTabular } from './index-file';
import { looksLikeOrderFile, parseOrderFile } from './order-file';
import { looksLikeTabularXml, parseTabularXml } from './tabular-file';
import { ImportError, type ParsedCodeSet, type ParsedTabular, type SetInfo } from './types';
import { isZip, readZip, ZipError } from './zip';

export const MAX_IMPORT_BYTES = 300 * 1024 * 1024;

export interface ImportOptions {
  dataDir: string;
  /** The fiscal or calendar year, when the file name does not say it. */
  year?: number;
  now?: () => Date;
  /** Called as the work advances: a fraction from 0 to 1 and what is being done. */
  progress?: (fraction: number, label: string) => void;
}

export interface Imported {
  info: SetInfo;
  indexFile: string;
}

type Recognised = { kind: 'order' | 'hcpcs' | 'tabular' | 'cpt'; text: string; member?: string };

const TEXT_MEMBER = /\.(txt|xml|csv)$/i;

function recognise(text: string): Recognised['kind'] | null {
  if (looksLikeTabularXml(text)) return 'tabular';
  if (looksLikeOrderFile(text)) return 'order';
  if (looksLikeHcpcsFile(text)) return 'hcpcs';
  if (looksLikeCptCsv(text)) return 'cpt';
  return null;
}

function describeForeign(text: string): string {
  if (text.trim() === '') return 'it is empty';
  if (/^\s*</.test(text)) return 'it is XML, but not the ICD-10-CM tabular list';
  if (/^%PDF/.test(text)) return 'it is a PDF document';
  if (/^PK/.test(text)) return 'it is an office document or another archive';
  if (/^[A-Z][0-9][0-9A-Z]{1,5}\s+\S/.test(text))
    return 'it looks like the ICD-10-CM codes file (billable codes only); import the order file, icd10cm_order_YYYY.txt, which also lists headers';
  return 'its content matches none of the ICD-10-CM order file, the ICD-10-PCS order file, the ICD-10-CM tabular XML, the HCPCS Level II alpha-numeric file or a CPT CSV';
}

function yearFrom(name: string, options: ImportOptions): number {
  const match = /(20\d\d)/.exec(path.basename(name));
  if (match) return Number(match[1]);
  if (options.year) return options.year;
  throw new ImportError(`cannot tell the year of ${name} from its name; pass --year`);
}

/** The recognised release files inside an upload (the file itself, or members of a zip). */
function recognisedFiles(data: Buffer, fileName: string): Recognised[] {
  if (!isZip(data)) {
    const text = data.toString('latin1');
    const kind = recognise(text);
    if (!kind)
      throw new ImportError(
        `${fileName} is not a code-set file Handoff can import: ${describeForeign(text)}`,
      );
    return [{ kind, text: kind === 'order' || kind === 'hcpcs' ? text : data.toString('utf8') }];
  }
  let members;
  try {
    members = readZip(data);
  } catch (error) {
    throw new ImportError(`${fileName}: ${(error as ZipError).message}`, { cause: error });
  }
  const found: Recognised[] = [];
  for (const member of members.filter((m) => TEXT_MEMBER.test(m.name))) {
    let content: Buffer;
    try {
      content = member.read();
    } catch (error) {
      throw new ImportError(`${fileName}: ${(error as ZipError).message}`, { cause: error });
    }
    const text = content.toString('latin1');
    const kind = recognise(text);
    if (kind)
      found.push({
        kind,
        text: kind === 'order' || kind === 'hcpcs' ? text : content.toString('utf8'),
        member: member.name,
      });
  }
  if (found.length === 0) {
    throw new ImportError(
      `${fileName} holds no code-set file Handoff can import (members: ${members.map((m) => m.name).join(', ') || 'none'})`,
    );
  }
  return found;
}

function parse(file: Recognised, fileName: string, options: ImportOptions): ParsedCodeSet | ParsedTabular {
  const name = file.member ?? fileName;
  const progress = options.progress
    ? (fraction: number) => options.progress?.(0.1 + fraction * 0.8, `reading ${name}`)
    : undefined;
  switch (file.kind) {
    case 'order':
      return parseOrderFile(file.text, yearFrom(name, options), name, progress);
    case 'hcpcs':
      return parseHcpcsFile(file.text, name, progress);
    case 'tabular':
      return parseTabularXml(file.text, name);
    case 'cpt':
      return parseCptCsv(file.text, yearFrom(name, options), name);
  }
}

export async function importFile(filePath: string, options: ImportOptions): Promise<Imported[]> {
  const fileName = path.basename(filePath);
  const info = await stat(filePath).catch((error: NodeJS.ErrnoException) => {
    throw new ImportError(`cannot read ${filePath}: ${error.code ?? error.message}`);
  });
  if (!info.isFile()) throw new ImportError(`${filePath} is not a file`);
  if (info.size > MAX_IMPORT_BYTES)
    throw new ImportError(`${fileName} is ${info.size} bytes, more than the ${MAX_IMPORT_BYTES}-byte limit`);
  options.progress?.(0, `opening ${fileName}`);
  const data = await readFile(filePath);
  const sha256 = createHash('sha256').update(data).digest('hex');
  const parsed = recognisedFiles(data, fileName).map((file) => ({
    file,
    set: parse(file, fileName, options),
  }));

  const imported: Imported[] = [];
  for (const { file, set } of parsed) {
    const setInfo: SetInfo = {
      kind: set.kind,
      version: set.version,
      effectiveFrom: set.effectiveFrom,
      effectiveTo: set.effectiveTo,
      source: { file: fileName, ...(file.member ? { member: file.member } : {}), sha256 },
      importedAt: (options.now?.() ?? new Date()).toISOString(),
      count: set.kind === 'icd10cm-tabular' ? Object.keys(set.nodes).length : set.rows.length,
      billableCount: set.kind === 'icd10cm-tabular' ? 0 : set.rows.filter((r) => r.billable).length,
    };
    const indexFile =
      set.kind === 'icd10cm-tabular'
        ? await writeTabular(options.dataDir, setInfo, set)
        : await writeCodeSet(options.dataDir, setInfo, set);
    options.progress?.(0.95, `writing ${setId(setInfo)}`);
    imported.push({ info: setInfo, indexFile });
  }
  options.progress?.(1, `imported ${fileName}`);
  return imported;
}
