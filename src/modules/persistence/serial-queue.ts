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

const sqliteQueues = new WeakMap<object, SerialQueue>();

// TypeORM's SQLite driver shares one connection: concurrent transactions would nest into each
// other and plain statements would join a foreign transaction, so calls on one SQLite
// DataSource take turns, whichever repository makes them.
export function queueFor(dataSource: { options: { type: string } }): Pick<SerialQueue, 'run'> {
  if (dataSource.options.type !== 'sqlite') return NO_QUEUE;
  let queue = sqliteQueues.get(dataSource);
  if (!queue) sqliteQueues.set(dataSource, (queue = new SerialQueue()));
  return queue;
}
