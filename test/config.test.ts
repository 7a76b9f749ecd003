import path from 'node:path';
import { ConfigError, readConfig } from '../server/config';

describe('readConfig', () => {
  it('has defaults that work out of the box', () => {
    expect(readConfig({}, '/srv/handoff')).toEqual({
      port: 3000,
      host: '127.0.0.1',
      scenariosDir: path.resolve('/srv/handoff/scenarios'),
      dataDir: path.resolve('/srv/handoff/data'),
      sessionSecret: undefined,
    });
  });

  it('reads every variable', () => {
    const config = readConfig({ PORT: '8080', HOST: '0.0.0.0', SCENARIOS_DIR: '/x/s', DATA_DIR: 'd', SESSION_SECRET: 'k' }, '/srv');
    expect(config).toEqual({ port: 8080, host: '0.0.0.0', scenariosDir: '/x/s', dataDir: path.resolve('/srv/d'), sessionSecret: 'k' });
  });

  it.each(['abc', '-1', '70000', '80.5'])('rejects PORT=%s', (port) => {
    expect(() => readConfig({ PORT: port })).toThrow(ConfigError);
  });
});
