import path from 'node:path';
import { ConfigError, readConfig } from '../server/config';

describe('readConfig', () => {
  it('has defaults that work out of the box: lowdb files in ./data, no proxy, cookies Secure when the request is', () => {
    expect(readConfig({}, '/srv/handoff')).toEqual({
      port: 3000,
      host: '127.0.0.1',
      scenariosDir: path.resolve('/srv/handoff/scenarios'),
      dataDir: path.resolve('/srv/handoff/data'),
      databaseUrl: undefined,
      databasePoolSize: 10,
      sessionSecret: undefined,
      trustProxy: undefined,
      secureCookies: 'auto',
      sessionIdleHours: 8,
      submissionsPerMinute: 60,
    });
  });

  it('reads every variable', () => {
    const config = readConfig(
      {
        PORT: '8080',
        HOST: '0.0.0.0',
        SCENARIOS_DIR: '/x/s',
        DATA_DIR: 'd',
        SESSION_SECRET: 'k',
        DATABASE_URL: 'postgres://u@db:5432/handoff',
        DATABASE_POOL_SIZE: '4',
        TRUST_PROXY: '1',
        COOKIE_SECURE: 'true',
        SESSION_IDLE_HOURS: '12',
        SUBMISSIONS_PER_MINUTE: '120',
      },
      '/srv',
    );
    expect(config).toEqual({
      port: 8080,
      host: '0.0.0.0',
      scenariosDir: '/x/s',
      dataDir: path.resolve('/srv/d'),
      sessionSecret: 'k',
      databaseUrl: 'postgres://u@db:5432/handoff',
      databasePoolSize: 4,
      trustProxy: 1,
      secureCookies: true,
      sessionIdleHours: 12,
      submissionsPerMinute: 120,
    });
  });

  it.each([
    [{ TRUST_PROXY: 'true' }, true],
    [{ TRUST_PROXY: 'loopback' }, 'loopback'],
    [{ TRUST_PROXY: 'false' }, undefined],
  ])('reads TRUST_PROXY %j', (env, trustProxy) => {
    expect(readConfig(env).trustProxy).toBe(trustProxy);
  });

  it.each([
    [{ PORT: 'abc' }, /PORT must be a whole number/],
    [{ PORT: '-1' }, /PORT/],
    [{ PORT: '70000' }, /PORT/],
    [{ PORT: '80.5' }, /PORT/],
    [{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL must be a postgres/],
    [{ COOKIE_SECURE: 'yes' }, /COOKIE_SECURE must be auto, true or false/],
    [{ SESSION_IDLE_HOURS: '0' }, /SESSION_IDLE_HOURS/],
    [{ DATABASE_POOL_SIZE: '0' }, /DATABASE_POOL_SIZE must be a whole number from 1 to 1000/],
  ])('refuses %j with a message that names the variable', (env, message) => {
    expect(() => readConfig(env)).toThrow(ConfigError);
    expect(() => readConfig(env)).toThrow(message);
  });
});
