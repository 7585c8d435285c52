import { DataSource } from 'typeorm';
import { describeEachDatabase } from '../../../../test/support/databases';
import { OrderRecord } from '../../../core/engine/orders';
import { SleeveStep } from '../../../core/paper/sleeve-step';
import { engineOrder, PaperRepository, PaperStepWrite } from '.';

const DAY = 86_400_000;
const T0 = Date.UTC(2016, 0, 4);

function order(id: number, status: OrderRecord['status'], signalTime: number): OrderRecord {
  const filled = status === 'filled';
  return {
    id,
    signalBar: 10 + id,
    signalTime,
    side: 'buy',
    type: 'market',
    requestedQty: 100,
    limit: NaN,
    stop: NaN,
    reason: 'signal',
    tag: 'sma10 crossed above sma20',
    status,
    eventBar: filled ? 11 + id : -1,
    eventTime: filled ? signalTime + DAY : NaN,
    filledQty: filled ? 100 : 0,
    price: filled ? 101.25 : NaN,
    commission: filled ? 0.99 : 0,
    note: '',
  };
}

function step(time: number, orders: OrderRecord[]): PaperStepWrite {
  const sleeve: SleeveStep = {
    symbol: 'AAPL',
    time,
    orders,
    equity: { time, equity: 100_000, cash: 100_000, position: 0, close: 100 },
    decisions: [{ bar: 3, time, agent: 'decision', output: { data: { action: 'HOLD' } } }],
    memory: [],
    account: { cash: 100_000, position: 0, avgPrice: NaN, stopPrice: NaN, takeProfitPrice: NaN },
  };
  return {
    sessionId: 's1',
    time,
    processedAt: new Date(time).toISOString(),
    bars: [{ symbol: 'AAPL', bar: { time, open: 100, high: 101, low: 99, close: 100, volume: 1000 } }],
    news: [],
    sleeves: [sleeve],
    clientOrderIds: null,
    equity: 100_000,
    final: false,
  };
}

describeEachDatabase('PaperRepository', (db) => {
  let ds: DataSource;
  let repo: PaperRepository;

  beforeEach(async () => {
    ds = await db.open();
    repo = new PaperRepository(ds);
    await repo.createSession({
      id: 's1',
      strategy: 'sma-cross',
      symbols: ['AAPL'],
      feed: 'replay:AAPL',
      broker: 'sim',
      mode: 'analytic',
      spec: { cash: 100_000 },
      firstBarTime: T0,
      nextTickAt: null,
      warmUp: { AAPL: [1, 2].map((i) => ({ time: T0 - i * DAY, open: 1, high: 2, low: 0.5, close: 1.5, volume: 10 })).reverse() },
      inputs: { AAPL: { inputs: null, notes: ['n'] } },
    });
  });

  it('stores a bar once: the same bar again, or an older one, stores nothing', async () => {
    expect(await repo.saveStep(step(T0, [order(1, 'pending', T0)]))).toBe(true);
    expect(await repo.saveStep(step(T0, [order(1, 'pending', T0)]))).toBe(false);
    expect(await repo.saveStep(step(T0 - DAY, []))).toBe(false);
    expect(await repo.stepTimes('s1')).toEqual([T0]);
    expect((await repo.bars('s1', 'AAPL')).rows.map((r) => r.time)).toEqual([T0 - 2 * DAY, T0 - DAY, T0]);
    expect((await repo.bars('s1', 'AAPL')).warmUp).toBe(2);
    expect(await repo.orders('s1')).toHaveLength(1);
    expect(await repo.equity('s1')).toHaveLength(1);
    const session = (await repo.getSession('s1'))!;
    expect(session).toMatchObject({ lastBarTime: T0, barsProcessed: 1, lastTickOutcome: 'processed', failures: 0 });
    expect((await repo.ticks('s1')).map((t) => [t.outcome, t.barTime])).toEqual([['processed', T0]]);
  });

  it('updates an order when its outcome comes, NaN fields read back as NaN', async () => {
    await repo.saveStep(step(T0, [order(1, 'pending', T0)]));
    const pending = (await repo.orders('s1', 'AAPL')).map(engineOrder);
    expect(pending).toEqual([order(1, 'pending', T0)]);
    await repo.saveStep(step(T0 + DAY, [order(1, 'filled', T0), order(2, 'pending', T0 + DAY)]));
    expect((await repo.orders('s1', 'AAPL')).map(engineOrder)).toEqual([order(1, 'filled', T0), order(2, 'pending', T0 + DAY)]);
  });

  it('keeps what was sent to a broker when the order fills in the simulation', async () => {
    await repo.saveStep({ ...step(T0, [order(1, 'pending', T0)]), clientOrderIds: new Map([['AAPL:1', 'tg-abc']]) });
    expect((await repo.unsentOrders('s1')).map((o) => o.clientOrderId)).toEqual(['tg-abc']);
    await repo.reportBrokerOrder('s1', 'AAPL', 1, 'sent', { id: 'b-1', status: 'accepted' });
    await repo.saveStep(step(T0 + DAY, [order(1, 'filled', T0)]));
    const [o] = await repo.orders('s1');
    expect(o).toMatchObject({ status: 'filled', clientOrderId: 'tg-abc', brokerState: 'sent', brokerReport: { id: 'b-1', status: 'accepted' } });
    expect(await repo.unsentOrders('s1')).toEqual([]);
  });

  it('stores no bar of a session that is no longer active', async () => {
    expect(await repo.setStatus('s1', 'paused', ['active'], 'paused by the user')).toBe(true);
    expect(await repo.saveStep(step(T0, []))).toBe(false);
    expect(await repo.setStatus('s1', 'paused', ['active'], 'again')).toBe(false);
    expect(await repo.stepTimes('s1')).toEqual([]);
  });

  it('gives a session to one process at a time, and to another once the lease ran out or its holder is gone', async () => {
    const now = 1_000_000;
    expect(await repo.claim('s1', 'a', now + 100, now, () => false)).toBe(true);
    expect(await repo.claim('s1', 'b', now + 100, now + 50, () => false)).toBe(false);
    expect(await repo.claim('s1', 'a', now + 200, now + 50, () => false)).toBe(true);
    expect(await repo.claim('s1', 'b', now + 400, now + 300, () => false)).toBe(true);
    expect(await repo.claim('s1', 'c', now + 500, now + 310, (holder) => holder === 'b')).toBe(true);
    expect((await repo.getSession('s1'))!.owner).toBe('c');
    await repo.release('s1', 'b');
    expect((await repo.getSession('s1'))!.owner).toBe('c');
    await repo.release('s1', 'c');
    expect((await repo.getSession('s1'))!.owner).toBeNull();
  });

  it('resumes a session with its next tick in the same update, and clears it on any other move', async () => {
    await repo.setNextTick('s1', '2026-12-06T00:00:00.000Z');
    expect(await repo.setStatus('s1', 'paused', ['active'], 'paused by the user', '2030-01-01T00:00:00.000Z')).toBe(true);
    expect(await repo.getSession('s1')).toMatchObject({ status: 'paused', nextTickAt: null });
    expect(await repo.setStatus('s1', 'active', ['paused'], null, '2027-01-01T05:00:00.000Z')).toBe(true);
    expect(await repo.getSession('s1')).toMatchObject({ status: 'active', nextTickAt: '2027-01-01T05:00:00.000Z', failures: 0 });
    await repo.setStatus('s1', 'paused', ['active'], 'paused again');
    await expect(repo.setStatus('s1', 'active', ['paused'], null)).rejects.toThrow('made active without its next tick');
    expect(await repo.getSession('s1')).toMatchObject({ status: 'paused' });
  });

  it('changes the status from a tick only while the session is active', async () => {
    await repo.recordTick('s1', 'skipped', null, 'feed down', { failures: 3, status: 'paused', statusReason: 'paused after 3 consecutive failed ticks' });
    expect(await repo.getSession('s1')).toMatchObject({ status: 'paused', failures: 3, lastTickOutcome: 'skipped', lastTickNote: 'feed down' });
    await repo.setStatus('s1', 'stopped', ['paused'], 'stopped by the user');
    await repo.recordTick('s1', 'failed', null, 'late', { status: 'failed', statusReason: 'x' });
    expect(await repo.getSession('s1')).toMatchObject({ status: 'stopped', statusReason: 'stopped by the user' });
  });

  it('deletes a session with everything it stored', async () => {
    await repo.saveStep(step(T0, [order(1, 'pending', T0)]));
    expect(await repo.deleteSession('s1')).toBe(true);
    expect(await repo.getSession('s1')).toBeNull();
    expect(await repo.orders('s1')).toEqual([]);
    expect((await repo.bars('s1', 'AAPL')).rows).toEqual([]);
  });
});
