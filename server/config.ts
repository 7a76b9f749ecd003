/** Configuration from environment variables; every value has a default that works out of the box. */
import path from 'node:path';

export interface Config {
  port: number;
  host: string;
  scenariosDir: string;
  dataDir: string;
  sessionSecret?: string;
}

export class ConfigError extends Error {}

export function readConfig(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): Config {
  const portText = env.PORT ?? '3000';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535) throw new ConfigError(`PORT must be a whole number from 0 to 65535, got "${portText}"`);
  return {
    port,
    host: env.HOST ?? '127.0.0.1',
    scenariosDir: path.resolve(cwd, env.SCENARIOS_DIR ?? 'scenarios'),
    dataDir: path.resolve(cwd, env.DATA_DIR ?? 'data'),
    sessionSecret: env.SESSION_SECRET || undefined,
  };
}
