/** Runs async tasks one at a time, in call order; a failing task does not block the next. */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task, task);
    this.tail = result.catch(() => undefined);
    return result;
  }
}

/** A queue that runs tasks as they come (no serialisation). */
export const NO_QUEUE = { run: <T>(task: () => Promise<T>): Promise<T> => task() };
