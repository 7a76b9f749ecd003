/** A one-line progress bar for terminals; silent when output goes to a file or a pipe. */
export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(text: string): unknown;
}

export function progressBar(stream: ProgressStream): {
  update: (fraction: number, label: string) => void;
  done: () => void;
} {
  if (!stream.isTTY) return { update: () => {}, done: () => {} };
  let last = '';
  return {
    update(fraction, label) {
      const width = 30;
      const filled = Math.round(Math.max(0, Math.min(1, fraction)) * width);
      const line =
        `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(Math.round(fraction * 100)).padStart(3)}% ${label}`.slice(
          0,
          (stream.columns ?? 80) - 1,
        );
      if (line !== last) stream.write(`\r${line.padEnd(last.length)}`);
      last = line;
    },
    done() {
      if (last !== '') stream.write(`\r${' '.repeat(last.length)}\r`);
      last = '';
    },
  };
}
