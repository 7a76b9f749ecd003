/**
 * Runs tasks one after another, in the order they were queued. Full segments are written
 * through one queue: when a class's segments fill together, their writes follow each other
 * instead of all building their files in the same turn of the event loop.
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  /** Starts `task` once every task queued before it has finished (or failed). */
  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task);
    // A failed task is its caller's to handle; the queue goes on with the next.
    this.tail = result.catch(() => undefined);
    return result;
  }
}
