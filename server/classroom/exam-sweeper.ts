/**
 * Ends exams whose time is up even when nobody looks at them, so a cohort's reports and
 * the trainer's summary are complete at the due time. (Pages and the API also end an
 * overdue exam the moment they read it; this covers the trainee who closed the browser.)
 * One sweep at a time; an error is logged and the next sweep tries again.
 */
import { errorMessage } from '../error-message';
import type { Exams } from './exams';

export const SWEEP_INTERVAL_MS = 30_000;

export interface ExamSweeper {
  stop(): void;
  /** Resolves when the sweep under way (if any) is done. */
  settled(): Promise<void>;
}

export function startExamSweeper(
  exams: Pick<Exams, 'finishOverdue'>,
  logger: { error(message: string): void; info?(message: string): void },
  intervalMs = SWEEP_INTERVAL_MS,
): ExamSweeper {
  let sweeping: Promise<void> | undefined;
  const timer = setInterval(() => {
    if (sweeping) return;
    sweeping = exams
      .finishOverdue()
      .then((n) => {
        if (n > 0) logger.info?.(`exams: ${n} submitted when their time was up`);
      })
      .catch((error: unknown) => logger.error(`exams: could not end overdue exams: ${errorMessage(error)}`))
      .finally(() => {
        sweeping = undefined;
      });
  }, intervalMs);
  timer.unref();
  return {
    stop: () => clearInterval(timer),
    settled: async () => {
      await sweeping;
    },
  };
}
