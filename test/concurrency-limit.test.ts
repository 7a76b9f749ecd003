import { concurrencyLimit } from '../server/concurrency-limit';

/** A task that runs until its `finish` is called, recording when it started. */
function controlledTasks(count: number) {
  const started: number[] = [];
  const finishers: (() => void)[] = [];
  const tasks = Array.from({ length: count }, (_, i) => () => {
    started.push(i);
    return new Promise<number>((resolve) => finishers.push(() => resolve(i)));
  });
  return { started, finishers, tasks };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('concurrencyLimit', () => {
  it.each([1, 2, 3])('runs at most %i at once, the rest in arrival order', async (limit) => {
    const run = concurrencyLimit(limit);
    const { started, finishers, tasks } = controlledTasks(5);
    const results = Promise.all(tasks.map((task) => run(task)));
    await settle();
    expect(started).toEqual([0, 1, 2, 3, 4].slice(0, limit));
    for (let done = 0; done < 5; done++) {
      finishers[done]();
      await settle();
      expect(started).toEqual([0, 1, 2, 3, 4].slice(0, Math.min(5, limit + done + 1)));
    }
    expect(await results).toEqual([0, 1, 2, 3, 4]);
  });

  it('frees the place of a task that fails', async () => {
    const run = concurrencyLimit(1);
    const failed = run(() => Promise.reject(new Error('no')));
    const next = run(() => Promise.resolve('yes'));
    await expect(failed).rejects.toThrow('no');
    await expect(next).resolves.toBe('yes');
  });

  it.each([0, -1, 1.5, NaN])('refuses a limit of %p', (limit) => {
    expect(() => concurrencyLimit(limit)).toThrow(RangeError);
  });
});
