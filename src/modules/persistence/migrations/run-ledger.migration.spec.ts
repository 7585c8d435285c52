import { DataSource } from 'typeorm';
import { describeEachDatabase } from '../../../../test/support/databases';
import { dataSourceOptions } from '../data-source.factory';
import { encodeEquity } from '../run-series.codec';
import { RunsRepository } from '../runs.repository';
import { insertRunRow } from '../testing/run-row.fixture';
import { MIGRATIONS } from '.';
import { RunLedger1700000000050 } from './1700000000050-run-ledger.migration';

/** The trades-and-orders migration on a database that holds them as rows: they read back the same. */
describeEachDatabase('RunLedger1700000000050', (db) => {
  const open = async (location: string, migrations: unknown[]) => new DataSource({ ...dataSourceOptions(location), migrations: migrations as never }).initialize();

  it('moves stored trade and order rows into blocks, NULL read as NaN, and undoes cleanly', async () => {
    const location = await db.fresh();
    const m = db.mark;
    const marks = (n: number) => Array.from({ length: n }, (_, i) => m(i + 1)).join(', ');
    const old = await open(location, MIGRATIONS.slice(0, MIGRATIONS.indexOf(RunLedger1700000000050)));
    for (const id of ['r1', 'r2', 'r3']) await insertRunRow(old, id, 'done');
    const equity = { time: Float64Array.of(Date.UTC(2020, 0, 1)), equity: Float64Array.of(1e5), cash: Float64Array.of(1e5), position: Float64Array.of(0), close: Float64Array.of(10.25) };
    for (const id of ['r1', 'r3']) await old.query(`INSERT INTO "run_series" ("run_id", "start_bar", "bars", "equity") VALUES (${marks(4)})`, [id, 5, 1, encodeEquity(equity)]);
    const trades = [
      ['r1', 1, 'long', 12, 1.5e12, 10.25, 16, 1.6e12, 11.5, 10, 10, 45648.9964320002, 0.1 + 0.2, 1 / 3, 'signal', 4],
      ['r1', 0, 'short', 5, 1.4e12, null, 9, null, 9.75, 3, 3, -1e-300, 5e-324, 0, 'stop-loss', 4],
      ['r2', 0, 'long', 1, 1.3e12, 10, 2, 1.31e12, 10, 1, 1, 0, 0, 0, 'end-of-test', 1],
    ];
    for (const row of trades) await old.query(`INSERT INTO "run_trades" VALUES (${marks(16)})`, row);
    const orders = [
      ['r1', 0, 7, 4, 1.39e12, 'sell', 'market', 3, null, null, 'signal', 'a "quoted", tag', 'filled', 5, 1.4e12, 3, 10.125, 0.5, ''],
      ['r1', 1, 8, 11, 1.49e12, 'buy', 'limit', 10, 10.3, null, 'signal', 'ünïcödé ✓', 'rejected', 12, 1.5e12, 0, null, 0, 'not enough cash'],
    ];
    for (const row of orders) await old.query(`INSERT INTO "run_orders" VALUES (${marks(19)})`, row);
    await old.destroy();

    const migrated = await open(location, MIGRATIONS);
    const runs = new RunsRepository(migrated);
    const nan = (v: number | null) => (v === null ? NaN : v);
    const tradeOf = (r: (typeof trades)[number]) => ({
      direction: r[2], entryBar: r[3], entryTime: nan(r[4] as number), entryPrice: nan(r[5] as number | null), exitBar: r[6], exitTime: nan(r[7] as number | null),
      exitPrice: nan(r[8] as number), maxQty: r[9], qty: r[10], pnl: r[11], returnPct: r[12], commission: r[13], exitReason: r[14], barsHeld: r[15],
    });
    expect(await runs.getTrades('r1')).toEqual([tradeOf(trades[1]), tradeOf(trades[0])]);
    expect(await runs.getTrades('r2')).toEqual([tradeOf(trades[2])]);
    const [first, second] = await runs.getOrders('r1');
    expect(Object.keys(first)).toEqual(['id', 'signalBar', 'signalTime', 'side', 'type', 'requestedQty', 'limit', 'stop', 'reason', 'tag', 'status', 'eventBar', 'eventTime', 'filledQty', 'price', 'commission', 'note']);
    expect(first).toEqual({ id: 7, signalBar: 4, signalTime: 1.39e12, side: 'sell', type: 'market', requestedQty: 3, limit: NaN, stop: NaN, reason: 'signal', tag: 'a "quoted", tag', status: 'filled', eventBar: 5, eventTime: 1.4e12, filledQty: 3, price: 10.125, commission: 0.5, note: '' });
    expect(second).toMatchObject({ id: 8, limit: 10.3, tag: 'ünïcödé ✓', status: 'rejected', note: 'not enough cash' });
    expect(second.price).toBeNaN();
    expect(await runs.getOrders('r2')).toEqual([]);
    expect(await runs.getTrades('r3')).toEqual([]);
    expect((await runs.getEquity('r1')).map((e) => e.equity)).toEqual([1e5]);
    // A run with trade rows but no series gets an empty equity block.
    expect(await runs.getEquity('r2')).toEqual([]);

    // Later migrations are undone first, then this one.
    while ((await migrated.query(`SELECT "name" FROM "migrations" ORDER BY "id" DESC LIMIT 1`))[0].name !== 'RunLedger1700000000050') await migrated.undoLastMigration();
    await migrated.undoLastMigration();
    expect(await migrated.query(`SELECT "run_id", "seq", "entry_price", "pnl", "exit_reason" FROM "run_trades" ORDER BY "run_id", "seq"`)).toEqual([
      { run_id: 'r1', seq: 0, entry_price: null, pnl: -1e-300, exit_reason: 'stop-loss' },
      { run_id: 'r1', seq: 1, entry_price: 10.25, pnl: 45648.9964320002, exit_reason: 'signal' },
      { run_id: 'r2', seq: 0, entry_price: 10, pnl: 0, exit_reason: 'end-of-test' },
    ]);
    expect(await migrated.query(`SELECT "seq", "order_id", "limit_price", "price", "tag" FROM "run_orders" ORDER BY "seq"`)).toEqual([
      { seq: 0, order_id: 7, limit_price: null, price: 10.125, tag: 'a "quoted", tag' },
      { seq: 1, order_id: 8, limit_price: 10.3, price: null, tag: 'ünïcödé ✓' },
    ]);
    await migrated.destroy();
  });
});
