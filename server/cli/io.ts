import type { ProgressStream } from './progress-bar';

/** What a command needs from the outside world, so tests can run commands in-process. */
export interface CommandIO {
  out: (line: string) => void;
  err: (line: string) => void;
  cwd: string;
  env: NodeJS.ProcessEnv;
  readStdin?: () => Promise<string>;
  /** Where progress bars go (a terminal shows them; anything else stays quiet). */
  progress?: ProgressStream;
}

export function processIO(): CommandIO {
  return {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    cwd: process.cwd(),
    progress: process.stderr,
    env: process.env,
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
  };
}

/** Run a command from a script entry point and exit with its code. */
export function runMain(command: (args: string[], io: CommandIO) => Promise<number>): void {
  // Output piped into a reader that stops early (`| head`) is not an error of ours.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw error;
    });
  }
  command(process.argv.slice(2), processIO()).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
