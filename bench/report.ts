/** Printing figures against their targets, the same way in every benchmark. */
let missed = 0;

export function figure(
  label: string,
  value: number,
  unit: string,
  target?: { max?: number; min?: number },
): void {
  const shown = value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2);
  let verdict = '';
  if (target?.max !== undefined)
    verdict =
      value <= target.max
        ? `  ok (target ≤ ${target.max} ${unit})`
        : `  MISSED (target ≤ ${target.max} ${unit})`;
  if (target?.min !== undefined)
    verdict =
      value >= target.min
        ? `  ok (target ≥ ${target.min} ${unit})`
        : `  MISSED (target ≥ ${target.min} ${unit})`;
  if (verdict.includes('MISSED')) missed++;
  console.log(`${label.padEnd(58)} ${shown.padStart(10)} ${unit}${verdict}`);
}

export function finish(): void {
  process.exitCode = missed === 0 ? 0 : 1;
}

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** Runs a benchmark's main function, turning a thrown error into a failed run. */
export function runBench(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
