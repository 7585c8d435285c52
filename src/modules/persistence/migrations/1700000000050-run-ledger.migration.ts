import { MigrationInterface, QueryRunner } from 'typeorm';
import { OrderReason, OrderRecord, OrderStatus, OrderType, Side, Trade } from '../../../core/engine/orders';
import { decodeOrders, decodeTrades, encodeOrders, encodeTrades } from '../run-ledger.codec';
import { encodeEquity } from '../run-series.codec';
import { runOrdersTable, runTradesTable } from './1700000000000-initial-schema.migration';
import { binaryType, EMPTY_EQUITY, mark, marks, runIdsOf } from './migration-sql';

/**
 * A run's trades and orders as one compressed block each, in two new columns of `run_series`
 * (`trades`, `orders`), in place of a row per trade (`run_trades`) and per order (`run_orders`).
 * Stored runs are moved over. Plain SQL that SQLite and Postgres both take, but for the binary
 * type (blob / bytea).
 */
export class RunLedger1700000000050 implements MigrationInterface {
  name = 'RunLedger1700000000050';

  async up(q: QueryRunner): Promise<void> {
    const binary = binaryType(q);
    await q.query(`ALTER TABLE "run_series" ADD COLUMN "trades" ${binary}`);
    await q.query(`ALTER TABLE "run_series" ADD COLUMN "orders" ${binary}`);
    for (const runId of await runIdsOf(q, 'run_trades')) {
      const rows = (await q.query(`SELECT * FROM "run_trades" WHERE "run_id" = ${mark(q, 1)} ORDER BY "seq"`, [runId])) as TradeRow[];
      await setBlock(q, runId, 'trades', encodeTrades(rows.map(tradeOf)));
    }
    for (const runId of await runIdsOf(q, 'run_orders')) {
      const rows = (await q.query(`SELECT * FROM "run_orders" WHERE "run_id" = ${mark(q, 1)} ORDER BY "seq"`, [runId])) as OrderRow[];
      await setBlock(q, runId, 'orders', encodeOrders(rows.map(orderOf)));
    }
    await q.query(`DROP TABLE "run_trades"`);
    await q.query(`DROP TABLE "run_orders"`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.createTable(runTradesTable());
    await q.createTable(runOrdersTable());
    const stored = (await q.query(`SELECT "run_id", "trades", "orders" FROM "run_series" ORDER BY "run_id"`)) as Array<{ run_id: string; trades: Buffer | null; orders: Buffer | null }>;
    for (const s of stored) {
      const trades = s.trades === null ? [] : decodeTrades(Buffer.from(s.trades));
      for (const [seq, t] of trades.entries()) {
        await q.query(`INSERT INTO "run_trades" VALUES (${marks(q, 16)})`, [
          s.run_id, seq, t.direction, t.entryBar, toDb(t.entryTime), toDb(t.entryPrice), t.exitBar, toDb(t.exitTime), toDb(t.exitPrice),
          toDb(t.maxQty), toDb(t.qty), toDb(t.pnl), toDb(t.returnPct), toDb(t.commission), t.exitReason, t.barsHeld,
        ]);
      }
      const orders = s.orders === null ? [] : decodeOrders(Buffer.from(s.orders));
      for (const [seq, o] of orders.entries()) {
        await q.query(`INSERT INTO "run_orders" VALUES (${marks(q, 19)})`, [
          s.run_id, seq, o.id, o.signalBar, toDb(o.signalTime), o.side, o.type, toDb(o.requestedQty), toDb(o.limit), toDb(o.stop), o.reason, o.tag,
          o.status, o.eventBar, toDb(o.eventTime), toDb(o.filledQty), toDb(o.price), toDb(o.commission), o.note,
        ]);
      }
    }
    await q.query(`ALTER TABLE "run_series" DROP COLUMN "orders"`);
    await q.query(`ALTER TABLE "run_series" DROP COLUMN "trades"`);
  }
}

// The rows stored NaN as NULL (SQLite turns NaN into NULL).
const toDb = (value: number): number | null => (Number.isNaN(value) ? null : value);
const fromDb = (value: number | null): number => (value === null ? NaN : Number(value));

interface TradeRow {
  direction: string;
  entry_bar: number;
  entry_time: number | null;
  entry_price: number | null;
  exit_bar: number;
  exit_time: number | null;
  exit_price: number | null;
  max_qty: number | null;
  qty: number | null;
  pnl: number | null;
  return_pct: number | null;
  commission: number | null;
  exit_reason: string;
  bars_held: number;
}

function tradeOf(r: TradeRow): Trade {
  return {
    direction: r.direction as Trade['direction'],
    entryBar: r.entry_bar,
    entryTime: fromDb(r.entry_time),
    entryPrice: fromDb(r.entry_price),
    exitBar: r.exit_bar,
    exitTime: fromDb(r.exit_time),
    exitPrice: fromDb(r.exit_price),
    maxQty: fromDb(r.max_qty),
    qty: fromDb(r.qty),
    pnl: fromDb(r.pnl),
    returnPct: fromDb(r.return_pct),
    commission: fromDb(r.commission),
    exitReason: r.exit_reason as OrderReason,
    barsHeld: r.bars_held,
  };
}

interface OrderRow {
  order_id: number;
  signal_bar: number;
  signal_time: number | null;
  side: string;
  type: string;
  requested_qty: number | null;
  limit_price: number | null;
  stop_price: number | null;
  reason: string;
  tag: string;
  status: string;
  event_bar: number;
  event_time: number | null;
  filled_qty: number | null;
  price: number | null;
  commission: number | null;
  note: string;
}

function orderOf(r: OrderRow): OrderRecord {
  return {
    id: r.order_id,
    signalBar: r.signal_bar,
    signalTime: fromDb(r.signal_time),
    side: r.side as Side,
    type: r.type as OrderType,
    requestedQty: fromDb(r.requested_qty),
    limit: fromDb(r.limit_price),
    stop: fromDb(r.stop_price),
    reason: r.reason as OrderReason,
    tag: r.tag,
    status: r.status as OrderStatus,
    eventBar: r.event_bar,
    eventTime: fromDb(r.event_time),
    filledQty: fromDb(r.filled_qty),
    price: fromDb(r.price),
    commission: fromDb(r.commission),
    note: r.note,
  };
}

/** Sets a run's trades or orders block; a run with rows of them but no series gets an empty one. */
async function setBlock(q: QueryRunner, runId: string, column: 'trades' | 'orders', block: Buffer): Promise<void> {
  const exists = (await q.query(`SELECT "run_id" FROM "run_series" WHERE "run_id" = ${mark(q, 1)}`, [runId])).length > 0;
  if (exists) await q.query(`UPDATE "run_series" SET "${column}" = ${mark(q, 1)} WHERE "run_id" = ${mark(q, 2)}`, [block, runId]);
  else await q.query(`INSERT INTO "run_series" ("run_id", "start_bar", "bars", "equity", "${column}") VALUES (${marks(q, 5)})`, [runId, 0, 0, encodeEquity(EMPTY_EQUITY), block]);
}
