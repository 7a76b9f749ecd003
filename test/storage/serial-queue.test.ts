import { SerialQueue } from '../../server/storage/serial-queue';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('SerialQueue', () => {
  it('runs tasks one at a time, in the order they were queued, and gives each its own result', async () => {
    const queue = new SerialQueue();
    const events: string[] = [];
    let running = 0;
    const task = (name: string) => async () => {
      running++;
      events.push(`start ${name} (${running} running)`);
      await tick();
      await tick();
      events.push(`end ${name}`);
      running--;
      return name.toUpperCase();
    };
    const results = await Promise.all(['a', 'b', 'c'].map((name) => queue.run(task(name))));
    expect(results).toEqual(['A', 'B', 'C']);
    expect(events).toEqual(['start a (1 running)', 'end a', 'start b (1 running)', 'end b', 'start c (1 running)', 'end c']);
  });

  it('hands a failure to its caller and goes on with the next task', async () => {
    const queue = new SerialQueue();
    const failed = queue.run(() => Promise.reject(new Error('disk full')));
    const next = queue.run(() => Promise.resolve('written'));
    await expect(failed).rejects.toThrow('disk full');
    await expect(next).resolves.toBe('written');
  });

  it('starts a task queued after the others finished without waiting for anything', async () => {
    const queue = new SerialQueue();
    await queue.run(() => Promise.resolve(1));
    let started = false;
    const run = queue.run(async () => {
      started = true;
    });
    await tick();
    expect(started).toBe(true);
    await run;
  });
});
