import { PriorityGate } from './priority-gate';

describe('the priority gate', () => {
  it('lets at most `limit` in at once and the lowest priority first among those waiting', async () => {
    const gate = new PriorityGate(2);
    const order: number[] = [];
    const releases = await Promise.all([gate.acquire(5), gate.acquire(5)]);
    const waiting = [9, 3, 7, 3].map((p, i) =>
      gate.acquire(p).then((release) => {
        order.push(i);
        release();
      }),
    );
    releases.forEach((r) => r());
    await Promise.all(waiting);
    expect(order).toEqual([1, 3, 2, 0]);
    expect(gate.maxActive).toBe(2);
  });

  it('drops a waiter whose signal aborts', async () => {
    const gate = new PriorityGate(1);
    const release = await gate.acquire(0);
    const controller = new AbortController();
    const waiting = gate.acquire(1, controller.signal);
    controller.abort(new Error('cancelled'));
    await expect(waiting).rejects.toThrow('cancelled');
    release();
    const next = await gate.acquire(2);
    next();
  });
});
