/** Configuration from environment variables; every value has a default that works out of the box. */
import path from 'node:path';

export interface Config {
  port: number;
  host: string;
  scenariosDir: string;
  dataDir: string;
  /** PostgreSQL instead of the lowdb files under dataDir. */
  databaseUrl?: string;
  /** Connections each server keeps open to PostgreSQL at most. */
  databasePoolSize: number;
  sessionSecret?: string;
  /** Express's `trust proxy`: set behind a reverse proxy, so client addresses and HTTPS are read from it. */
  trustProxy?: boolean | number | string;
  secureCookies: boolean | 'auto';
  sessionIdleHours: number;
  submissionsPerMinute: number;
}

export class ConfigError extends Error {}

function whole(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const text = env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < min || value > max)
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, got "${text}"`);
  return value;
}

function trustProxy(text: string | undefined): Config['trustProxy'] {
  if (text === undefined || text === '' || text === 'false') return undefined;
  if (text === 'true') return true;
  if (/^\d+$/.test(text)) return Number(text);
  return text;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): Config {
  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl))
    throw new ConfigError('DATABASE_URL must be a postgres:// or postgresql:// URL');
  const secure = env.COOKIE_SECURE ?? 'auto';
  if (!['auto', 'true', 'false'].includes(secure))
    throw new ConfigError(`COOKIE_SECURE must be auto, true or false, got "${secure}"`);
  return {
    port: whole(env, 'PORT', 3000, 0, 65535),
    host: env.HOST ?? '127.0.0.1',
    scenariosDir: path.resolve(cwd, env.SCENARIOS_DIR ?? 'scenarios'),
    dataDir: path.resolve(cwd, env.DATA_DIR ?? 'data'),
    databaseUrl,
    databasePoolSize: whole(env, 'DATABASE_POOL_SIZE', 10, 1, 1000),
    sessionSecret: env.SESSION_SECRET || undefined,
    trustProxy: trustProxy(env.TRUST_PROXY),
    secureCookies: secure === 'auto' ? 'auto' : secure === 'true',
    sessionIdleHours: whole(env, 'SESSION_IDLE_HOURS', 8, 1, 24 * 30),
    submissionsPerMinute: whole(env, 'SUBMISSIONS_PER_MINUTE', 60, 1, 1_000_000),
  };
}
