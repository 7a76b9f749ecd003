/**
 * `npm run codesets -- import <file...> [--year N]` · `list` · `download --year N [--from URL]`
 * Imports the official CMS release files into DATA_DIR/codesets.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { readConfig } from '../config';
import { CodeSets } from '../codesets/code-sets';
import { codesetsDir } from '../codesets/index-file';
import { importFile, MAX_IMPORT_BYTES, type Imported } from '../codesets/import';
import { describeDates } from '../codesets/types';
import { parseCommandLine, UsageError } from './args';
import type { CommandIO } from './io';
import { progressBar } from './progress-bar';

const USAGE = [
  'usage: npm run codesets -- import <file...> [--year N]   import CMS release files (zip or the file inside)',
  '       npm run codesets -- list                          show the imported code sets',
  "       npm run codesets -- download --year N [--from URL] fetch the year's files from CMS and import them",
].join('\n');

export const DEFAULT_DOWNLOAD_BASE = 'https://www.cms.gov/files/zip/';

/** The CMS file names of a year's releases. */
export function releaseFiles(year: number): string[] {
  return [
    `${year}-code-descriptions-tabular-order.zip`,
    `${year}-icd-10-pcs-order-file-long-and-abbreviated-titles.zip`,
    `${year}-code-tables-tabular-and-index.zip`,
    `january-${year}-alpha-numeric-hcpcs-file.zip`,
  ];
}

interface Options {
  year?: number;
  from?: string;
  files: string[];
}

function parseOptions(args: string[]): Options {
  const { values, positionals } = parseCommandLine(args, {
    year: { type: 'string' },
    from: { type: 'string' },
  });
  const options: Options = { files: positionals, from: values.from };
  if (values.year !== undefined) {
    const year = Number(values.year);
    if (!/^\d{4}$/.test(values.year) || year < 2015 || year > 2100)
      throw new UsageError('--year must be a year such as 2026');
    options.year = year;
  }
  return options;
}

function describe(imported: Imported): string {
  const { info } = imported;
  const counts =
    info.kind === 'icd10cm-tabular'
      ? `${info.count} entries`
      : `${info.count} codes, ${info.billableCount} billable`;
  return `imported ${info.kind} ${info.version} (${counts}; dates of service ${describeDates(info)}) from ${info.source.member ?? info.source.file}`;
}

async function importAll(files: string[], options: Options, io: CommandIO, dataDir: string): Promise<number> {
  let failures = 0;
  for (const file of files) {
    const bar = progressBar(io.progress ?? { write: () => true });
    try {
      const imported = await importFile(path.resolve(io.cwd, file), {
        dataDir,
        year: options.year,
        progress: bar.update,
      });
      bar.done();
      for (const one of imported) io.out(describe(one));
    } catch (error) {
      bar.done();
      failures++;
      io.err(`cannot import ${file}: ${(error as Error).message}`);
      io.err('the code sets imported before are unchanged');
    }
  }
  return failures === 0 ? 0 : 1;
}

async function list(io: CommandIO, dataDir: string): Promise<number> {
  const codeSets = await CodeSets.load(dataDir);
  for (const problem of codeSets.problems) io.err(`damaged index ${problem.file}: ${problem.message}`);
  const infos = codeSets.infos();
  if (infos.length === 0) {
    io.out(`no code sets imported in ${codesetsDir(dataDir)}`);
    io.out(
      'import the CMS release files with: npm run codesets -- import <file.zip...>  (or: npm run codesets -- download --year 2026)',
    );
    return 0;
  }
  io.out(
    [
      'set'.padEnd(22),
      'dates of service'.padEnd(25),
      'codes'.padStart(8),
      'billable'.padStart(9),
      '  source',
    ].join(' '),
  );
  for (const info of infos) {
    io.out(
      [
        `${info.kind} ${info.version}`.padEnd(22),
        describeDates(info).padEnd(25),
        String(info.count).padStart(8),
        String(info.billableCount).padStart(9),
        `  ${info.source.member ?? info.source.file}`,
      ].join(' '),
    );
  }
  return codeSets.problems.length === 0 ? 0 : 1;
}

async function download(options: Options, io: CommandIO, dataDir: string): Promise<number> {
  if (!options.year) throw new UsageError('download needs --year, e.g. --year 2026');
  const base = options.from ?? io.env.CODESETS_BASE_URL ?? DEFAULT_DOWNLOAD_BASE;
  await mkdir(codesetsDir(dataDir), { recursive: true });
  const folder = await mkdtemp(path.join(codesetsDir(dataDir), '.download-'));
  let failures = 0;
  try {
    const fetched: string[] = [];
    for (const name of releaseFiles(options.year)) {
      const url = new URL(name, base.endsWith('/') ? base : `${base}/`).toString();
      try {
        const response = await fetch(url, { signal: AbortSignal.timeout(300_000), redirect: 'follow' });
        if (!response.ok) throw new Error(`HTTP ${response.status} ${response.statusText}`);
        const length = Number(response.headers.get('content-length') ?? 0);
        if (length > MAX_IMPORT_BYTES)
          throw new Error(`${length} bytes is more than the ${MAX_IMPORT_BYTES}-byte limit`);
        const body = Buffer.from(await response.arrayBuffer());
        const target = path.join(folder, name);
        await writeFile(target, body);
        io.out(`downloaded ${url} (${body.length} bytes)`);
        fetched.push(target);
      } catch (error) {
        failures++;
        io.err(`cannot download ${url}: ${(error as Error).message}`);
      }
    }
    const importResult = await importAll(fetched, options, io, dataDir);
    return failures === 0 && importResult === 0 ? 0 : 1;
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

export async function codesetsCommand(args: string[], io: CommandIO): Promise<number> {
  const [verb, ...rest] = args;
  const dataDir = readConfig(io.env, io.cwd).dataDir;
  try {
    const options = parseOptions(rest);
    switch (verb) {
      case 'import':
        if (options.files.length === 0) throw new UsageError('import needs at least one file');
        return await importAll(options.files, options, io, dataDir);
      case 'list':
        return await list(io, dataDir);
      case 'download':
        return await download(options, io, dataDir);
      default:
        throw new UsageError(verb ? `unknown command ${verb}` : 'no command given');
    }
  } catch (error) {
    io.err(`codesets: ${(error as Error).message}`);
    if (error instanceof UsageError) io.err(USAGE);
    return 1;
  }
}
