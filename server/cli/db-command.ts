/**
 * `npm run db -- migrate [--url <DATABASE_URL>]`: create or update the PostgreSQL schema
 * (the server also does it at start-up).
 * `npm run db -- copy --from <DATA_DIR> --to <DATABASE_URL>`: move an embedded (lowdb)
 * installation into PostgreSQL; running it again adds nothing twice.
 */
import path from 'node:path';
import pg from 'pg';
import { readConfig } from '../config';
import { copyStore } from '../store/copy';
import { LowStore } from '../store/low/low-store';
import { migrate } from '../store/pg/migrate';
import { PgStore } from '../store/pg/pg-store';
import { parseCommandLine, UsageError } from './args';
import type { CommandIO } from './io';
import { progressBar } from './progress-bar';

const USAGE = [
  'usage: npm run db -- migrate [--url <postgres://…>]          (default: DATABASE_URL)',
  '       npm run db -- copy --from <data folder> --to <postgres://…>   move a lowdb installation into PostgreSQL',
].join('\n');

function databaseUrl(value: string | undefined, io: CommandIO, option: string): string {
  const url = value ?? io.env.DATABASE_URL;
  if (!url) throw new UsageError(`give the database as ${option} postgres://… (or set DATABASE_URL)`);
  if (!/^postgres(ql)?:\/\//.test(url)) throw new UsageError(`${option} must be a postgres:// URL`);
  return url;
}

export async function dbCommand(args: string[], io: CommandIO): Promise<number> {
  try {
    const [verb, ...rest] = args;
    const { values, positionals } = parseCommandLine(rest, {
      url: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
    });
    if (positionals.length > 0) throw new UsageError(`unexpected argument ${positionals[0]}`);
    switch (verb) {
      case 'migrate': {
        const pool = new pg.Pool({ connectionString: databaseUrl(values.url, io, '--url'), max: 1 });
        try {
          const result = await migrate(pool);
          for (const m of result.applied) io.out(`applied migration ${m.version}: ${m.description}`);
          io.out(
            result.applied.length === 0
              ? `the schema is up to date (version ${result.current})`
              : `the schema is at version ${result.current}`,
          );
        } finally {
          await pool.end();
        }
        return 0;
      }
      case 'copy': {
        const from = path.resolve(io.cwd, values.from ?? readConfig(io.env, io.cwd).dataDir);
        const to = databaseUrl(values.to, io, '--to');
        const source = await LowStore.open(from, { logger: { warn: io.err } });
        const target = await PgStore.connect(to, { logger: { warn: io.err } });
        const bar = progressBar(io.progress ?? { write: () => true });
        try {
          const report = await copyStore(source, target, (done, total) =>
            bar.update(total === 0 ? 1 : done / total, `${done} of ${total} attempts`),
          );
          bar.done();
          const { users, attempts } = report;
          io.out(
            `users: ${users.copied} copied, ${users.skipped} already there${users.conflicts.length ? `, ${users.conflicts.length} not copied (their usernames are taken by other accounts in the database: ${users.conflicts.join(', ')})` : ''}`,
          );
          io.out(`other records (classes, sessions, tokens, assignments…): ${report.other} copied`);
          io.out(
            `attempts: ${attempts.source} in ${from}; ${attempts.copied} copied, ${attempts.alreadyThere} already there; ${attempts.copied + attempts.alreadyThere} of ${attempts.source} now in the database`,
          );
          return users.conflicts.length === 0 && attempts.copied + attempts.alreadyThere === attempts.source
            ? 0
            : 1;
        } finally {
          bar.done();
          await source.close();
          await target.close();
        }
      }
      default:
        throw new UsageError(verb ? `unknown command ${verb}` : 'no command given');
    }
  } catch (error) {
    io.err(`db: ${(error as Error).message}`);
    if (error instanceof UsageError) io.err(USAGE);
    return 1;
  }
}
