import { RunQueue } from './run-queue';

describe('RunQueue', () => {
  it('admits up to its concurrency and lets the others wait in queue order', async () => {
    const queue = new RunQueue(2);
    const signal = new AbortController().signal;
    const releaseA = await queue.enter('a', 1, signal);
    await queue.enter('b', 2, signal);
    const started: string[] = [];
    const d = queue.enter('d', 4, signal).then((release) => (started.push('d'), release));
    const c = queue.enter('c', 3, signal).then((release) => (started.push('c'), release));
    expect([queue.position('c'), queue.position('d'), queue.position('a')]).toEqual([1, 2, null]);
    releaseA();
    releaseA();
    await c;
    expect(started).toEqual(['c']);
    expect(queue.admitted).toBe(2);
    expect(queue.position('d')).toBe(1);
    (await c)();
    await d;
    expect(started).toEqual(['c', 'd']);
  });

  it('takes a waiting run out of the queue at once when its signal aborts', async () => {
    const queue = new RunQueue(1);
    const release = await queue.enter('a', 1, new AbortController().signal);
    const controller = new AbortController();
    const waiting = queue.enter('b', 2, controller.signal);
    const next = queue.enter('c', 3, new AbortController().signal);
    controller.abort(new Error('cancelled'));
    await expect(waiting).rejects.toThrow('cancelled');
    expect(queue.position('c')).toBe(1);
    release();
    await next;
    expect(queue.admitted).toBe(1);
  });

  it('refuses a signal that is already aborted', () => {
    const controller = new AbortController();
    controller.abort(new Error('gone'));
    expect(() => new RunQueue(1).enter('a', 1, controller.signal)).toThrow('gone');
  });
});
