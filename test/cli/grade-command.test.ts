import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { gradeCommand } from '../../server/cli/grade-command';
import { VALID_YAML } from '../fixtures/scenario-texts';
import { captureIO } from '../helpers/capture-io';
import { makeTempDir } from '../helpers/temp-dir';

const ROOT = path.resolve(__dirname, '../..');
const run = promisify(execFile);

describe('grade command', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ dir, cleanup } = await makeTempDir());
    await writeFile(path.join(dir, 'scenario.yaml'), VALID_YAML);
    await writeFile(
      path.join(dir, 'good.json'),
      JSON.stringify({ diagnoses: ['S82.61XA', 'W11.XXXA'], procedures: ['29515-RT'] }),
    );
    await writeFile(path.join(dir, 'broken.json'), '{"diagnoses": [');
    await writeFile(path.join(dir, 'shape.json'), '{"diagnoses": "S82.61XA"}');
  });
  afterAll(() => cleanup());

  it('grades a scenario file and prints the JSON result', async () => {
    const io = captureIO(dir);
    expect(await gradeCommand(['scenario.yaml', 'good.json'], io)).toBe(0);
    expect(JSON.parse(io.stdout.join('\n'))).toMatchObject({
      scenarioId: 'test-ankle',
      claimReady: true,
      score: { percent: 100 },
    });
  });

  it('grades a bundled scenario by id from standard input, as text', async () => {
    const io = captureIO(ROOT, {}, JSON.stringify({ diagnoses: ['W11.XXXA', 'S82.61XA'], procedures: [] }));
    expect(await gradeCommand(['ed-ankle-fracture-ladder', '-', '--format', 'text'], io)).toBe(0);
    const text = io.stdout.join('\n');
    expect(text).toMatch(/^ed-ankle-fracture-ladder: \d+(\.\d+)? of 5 points/);
    expect(text).toMatch(/✗ sequencing/);
    expect(text).toMatch(/✗ missing +99284-25/);
  });

  it.each([
    ['no arguments', [], /expected a scenario and a submission/],
    ['an unknown scenario', ['no-such-scenario', 'good.json'], /no scenario with id "no-such-scenario"/],
    ['a missing submission file', ['scenario.yaml', 'nope.json'], /cannot read submission nope.json: ENOENT/],
    ['malformed JSON', ['scenario.yaml', 'broken.json'], /not valid JSON/],
    ['a submission of the wrong shape', ['scenario.yaml', 'shape.json'], /expected shape[\s\S]*diagnoses/],
    ['an unknown format', ['scenario.yaml', 'good.json', '--format', 'xml'], /--format must be json or text/],
  ])('exits 1 with a clear message for %s', async (_name, args, message) => {
    const io = captureIO(dir, { SCENARIOS_DIR: path.join(ROOT, 'scenarios') });
    expect(await gradeCommand(args, io)).toBe(1);
    expect(io.stderr.join('\n')).toMatch(message);
  });

  it('runs as npm run grade with a real exit code', async () => {
    const ok = await run(
      'npm',
      ['run', '-s', 'grade', '--', path.join(dir, 'scenario.yaml'), path.join(dir, 'good.json')],
      { cwd: ROOT },
    );
    expect(JSON.parse(ok.stdout).claimReady).toBe(true);
    await expect(
      run('npm', ['run', '-s', 'grade', '--', 'nothing', path.join(dir, 'good.json')], { cwd: ROOT }),
    ).rejects.toMatchObject({ code: 1 });
  });
});
