/**
 * A throwaway PostgreSQL cluster from Debian's binaries, for tests and benchmarks: made in
 * a temp folder, listening on 127.0.0.1 on a free port, removed when stopped. The server
 * refuses to run as root, so as root the cluster belongs to the `postgres` user.
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

export interface Cluster {
  /** A superuser connection to the `postgres` database. */
  adminUrl: string;
  port: number;
  /** The folder of the server's Unix socket. */
  socketDir: string;
  /** A new, empty database; its URL. */
  createDatabase(): Promise<string>;
  dropDatabase(url: string): Promise<void>;
  /** Stop the server, keeping its data (a database restart, or an outage, in a test). */
  pause(): Promise<void>;
  /** Start it again on the same port and data. */
  resume(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The same database reached through the server's Unix socket instead of TCP: the socket's
 * folder as the URL's host, its slashes escaped (how node-postgres and libpq read it).
 */
export function throughSocket(url: string, socketDir: string): string {
  const tcp = new URL(url);
  return `postgres://${tcp.username}@${encodeURIComponent(socketDir)}:${tcp.port}${tcp.pathname}`;
}

/** The folder of Debian's PostgreSQL binaries, newest version first, or undefined. */
export function findPgBin(): string | undefined {
  if (process.env.HANDOFF_PG_BIN) return process.env.HANDOFF_PG_BIN;
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root).sort((a, b) => Number(b) - Number(a));
  return versions
    .map((v) => path.join(root, v, 'bin'))
    .find((bin) => existsSync(path.join(bin, 'initdb')) && existsSync(path.join(bin, 'pg_ctl')));
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

async function asOwner(command: string[]): Promise<void> {
  if (process.getuid?.() === 0)
    await run('su', ['postgres', '-s', '/bin/sh', '-c', command.map(quote).join(' ')]);
  else await run(command[0], command.slice(1));
}

export async function startCluster(bin = findPgBin()): Promise<Cluster> {
  if (!bin) throw new Error('PostgreSQL binaries not found (apt-get install postgresql)');
  const dir = await mkdtemp(path.join(os.tmpdir(), 'handoff-pg-'));
  if (process.getuid?.() === 0) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    await chown(dir, Number(stdout.trim()), Number(gid.trim()));
  }
  const port = await freePort();
  const data = path.join(dir, 'data');
  await asOwner([path.join(bin, 'initdb'), '-D', data, '-A', 'trust', '-U', 'handoff', '--no-sync']);
  const start = () =>
    asOwner([
      path.join(bin, 'pg_ctl'),
      '-D',
      data,
      '-l',
      path.join(dir, 'log'),
      '-w',
      '-o',
      `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=200`,
      'start',
    ]);
  await start();
  const adminUrl = `postgres://handoff@127.0.0.1:${port}/postgres`;
  let counter = 0;
  const admin = async <T>(work: (client: pg.Client) => Promise<T>) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  };
  return {
    adminUrl,
    port,
    socketDir: dir,
    createDatabase: async () => {
      const name = `handoff_${process.pid}_${Date.now().toString(36)}_${counter++}`;
      await admin((c) => c.query(`CREATE DATABASE ${name}`));
      return `postgres://handoff@127.0.0.1:${port}/${name}`;
    },
    dropDatabase: async (url) => {
      const name = new URL(url).pathname.slice(1);
      await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
    pause: () => asOwner([path.join(bin, 'pg_ctl'), '-D', data, '-m', 'immediate', '-w', 'stop']),
    resume: start,
    stop: async () => {
      await asOwner([path.join(bin, 'pg_ctl'), '-D', data, '-m', 'immediate', '-w', 'stop']).catch(
        () => undefined,
      );
      await rm(dir, { recursive: true, force: true });
    },
  };
}
