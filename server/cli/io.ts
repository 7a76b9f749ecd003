import { errorMessage } from '../error-message';
import type { ProgressStream } from './progress-bar';

/** What a command needs from the outside world, so tests can run commands in-process. */
export interface CommandIO {
  out: (line: string) => void;
  err: (line: string) => void;
  cwd: string;
  env: NodeJS.ProcessEnv;
  readStdin?: () => Promise<string>;
  /** Ask a person at a terminal; `hidden` does not echo what they type (a password). */
  prompt?: (question: string, hidden: boolean) => Promise<string>;
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
    prompt: process.stdin.isTTY ? promptAtTerminal : undefined,
  };
}

/** One line typed at the terminal (which echoes it); when hidden, read key by key in raw mode and not echoed. */
function promptAtTerminal(question: string, hidden: boolean): Promise<string> {
  process.stderr.write(question);
  return new Promise((resolve, reject) => {
    const stdin = process.stdin;
    let typed = '';
    const finish = (error?: Error) => {
      stdin.off('data', onData);
      if (hidden) stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
      if (error) reject(error);
      else resolve(typed);
    };
    const onData = (chunk: Buffer) => {
      for (const char of chunk.toString('utf8')) {
        if (char === '\r' || char === '\n') return finish();
        if (char === '\u0003') return finish(new Error('cancelled'));
        if (char === '\u007f' || char === '\b') typed = typed.slice(0, -1);
        else typed += char;
      }
    };
    if (hidden) stdin.setRawMode(true);
    stdin.resume();
    stdin.on('data', onData);
  });
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
      process.stderr.write(`${errorMessage(error)}\n`);
      process.exitCode = 1;
    },
  );
}
