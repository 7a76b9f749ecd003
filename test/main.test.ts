/** The entry point as `npm start` runs it (through tsx here, from the sources). */
import { spawn } from 'node:child_process';
import net, { type AddressInfo } from 'node:net';
import path from 'node:path';
import { makeTempDir } from './helpers/temp-dir';

jest.setTimeout(30_000);

const ROOT = path.resolve(__dirname, '..');

interface Run {
  /** Resolves with the URL once the server says it listens. */
  listening: Promise<string>;
  exited: Promise<{ code: number | null; stdout: string; stderr: string }>;
  stop: () => void;
}

function runMain(env: Record<string, string>): Run {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'server/main.ts')], {
    cwd: ROOT,
    env: { ...process.env, HOST: '127.0.0.1', SCENARIOS_DIR: path.join(ROOT, 'scenarios'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const listening = new Promise<string>((resolve) =>
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString();
      const match = /Listening on (http:\/\/\S+)/.exec(stdout);
      if (match) resolve(match[1]);
    }),
  );
  const exited = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.once('exit', (code) => resolve({ code, stdout, stderr })),
  );
  return { listening, exited, stop: () => child.kill('SIGTERM') };
}

describe('server/main', () => {
  let dataDir: string;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ dir: dataDir, cleanup } = await makeTempDir('handoff-main-'));
  });
  afterAll(() => cleanup());

  it('listens, serves the bundled scenarios, and stops on SIGTERM', async () => {
    const run = runMain({ PORT: '0', DATA_DIR: dataDir });
    const health = await (await fetch(`${await run.listening}/healthz`)).json();
    expect(health).toEqual({
      status: 'ok',
      scenarios: expect.any(Number),
      problems: 0,
      storage: 'ok',
      storageProblems: [],
    });
    expect(health.scenarios).toBeGreaterThan(40);
    run.stop();
    expect((await run.exited).code).toBe(0);
  });

  it('says the port is in use and exits 1, instead of claiming to listen', async () => {
    const taken = net.createServer().listen(0, '127.0.0.1');
    await new Promise((resolve) => taken.once('listening', resolve));
    const { port } = taken.address() as AddressInfo;
    try {
      const run = await runMain({ PORT: String(port), DATA_DIR: dataDir }).exited;
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(`cannot listen on 127.0.0.1:${port}: the port is in use`);
      expect(run.stdout).not.toContain('Listening on');
    } finally {
      taken.close();
    }
  });

  it('names a bad setting and exits 1', async () => {
    const run = await runMain({ PORT: 'eighty', DATA_DIR: dataDir }).exited;
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^configuration error: .*PORT/m);
  });
});
