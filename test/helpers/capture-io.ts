import type { CommandIO } from '../../server/cli/io';

/** A CommandIO that records what a command prints. */
export function captureIO(
  cwd: string,
  env: NodeJS.ProcessEnv = {},
  stdin = '',
): CommandIO & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return {
    stdout,
    stderr,
    out: (l) => stdout.push(l),
    err: (l) => stderr.push(l),
    cwd,
    env,
    readStdin: async () => stdin,
  };
}
