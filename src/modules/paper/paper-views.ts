import { isoDay } from '../../core/market/dates';
import { PaperDecisionRow, PaperEquityRow, PaperOrderRecord, PaperPositionRow, PaperSessionRecord, PaperTickRow } from '../persistence/paper';

/** A session as the CLI's `--json` and the REST API show it: bar times as days, the rest as stored. */
export interface PaperSessionView {
  id: string;
  status: string;
  statusReason: string | null;
  strategy: string;
  symbols: string[];
  feed: string;
  broker: string;
  mode: string;
  schedule: string;
  createdAt: string;
  firstBar: string | null;
  lastBar: string | null;
  barsProcessed: number;
  lastTickAt: string | null;
  lastTickOutcome: string | null;
  lastTickNote: string | null;
  nextTickAt: string | null;
  consecutiveFailures: number;
  /** The process that runs the session (`host:pid:tag`), null when none holds it. */
  runBy: string | null;
  equity: number | null;
  cash: number;
  spec: Record<string, unknown>;
}

const day = (t: number | null) => (t === null ? null : isoDay(t));
/** NaN (no limit price, no fill yet) is shown as null. */
const num = (v: number) => (Number.isNaN(v) ? null : v);

export function sessionView(s: PaperSessionRecord): PaperSessionView {
  const schedule = s.spec.schedule as { kind: string; expression?: string; timeZone?: string; ms?: number };
  return {
    id: s.id,
    status: s.status,
    statusReason: s.statusReason,
    strategy: s.strategy,
    symbols: s.symbols,
    feed: s.feed,
    broker: s.broker,
    mode: s.mode,
    schedule: schedule.kind === 'cron' ? `cron "${schedule.expression}" (${schedule.timeZone})` : `every ${schedule.ms} ms`,
    createdAt: s.createdAt,
    firstBar: day(s.firstBarTime),
    lastBar: day(s.lastBarTime),
    barsProcessed: s.barsProcessed,
    lastTickAt: s.lastTickAt,
    lastTickOutcome: s.lastTickOutcome,
    lastTickNote: s.lastTickNote,
    nextTickAt: s.status === 'active' ? s.nextTickAt : null,
    consecutiveFailures: s.failures,
    runBy: s.owner,
    equity: s.equity,
    cash: Number(s.spec.cash),
    spec: s.spec,
  };
}

/** An order with its fill: the engine's record and, for an external broker, what was sent and reported. */
export function orderView(o: PaperOrderRecord) {
  return {
    symbol: o.symbol,
    id: o.id,
    decided: isoDay(o.signalTime),
    side: o.side,
    type: o.type,
    quantity: o.requestedQty,
    limit: num(o.limit),
    stop: num(o.stop),
    reason: o.reason,
    tag: o.tag,
    status: o.status,
    fill: o.status === 'filled' ? { date: isoDay(o.eventTime), quantity: o.filledQty, price: o.price, commission: o.commission } : null,
    closedOn: o.status === 'pending' ? null : isoDay(o.eventTime),
    note: o.note,
    ...(o.clientOrderId !== null && { broker: { clientOrderId: o.clientOrderId, state: o.brokerState, report: o.brokerReport } }),
  };
}
export type PaperOrderView = ReturnType<typeof orderView>;

export function positionView(p: PaperPositionRow) {
  return {
    symbol: p.symbol,
    asOf: isoDay(p.time),
    quantity: p.quantity,
    avgPrice: p.avgPrice,
    close: p.close,
    marketValue: p.quantity * p.close,
    cash: p.cash,
    equity: p.equity,
    stopPrice: p.stopPrice,
    takeProfitPrice: p.takeProfitPrice,
  };
}
export type PaperPositionView = ReturnType<typeof positionView>;

/** The session's equity per bar: each sleeve's and their sum (a sleeve without a bar that day counts at its last value, or its cash before its first bar). */
export function equityView(rows: readonly PaperEquityRow[], symbols: readonly string[], sleeveCash: number) {
  const dates = [...new Set(rows.map((r) => r.time))].sort((a, b) => a - b);
  // A sleeve counts at its cash until its first bar.
  const last = new Map<string, number>(symbols.map((s) => [s, sleeveCash]));
  const bySymbol = new Map<string, Map<number, PaperEquityRow>>();
  for (const r of rows) {
    if (!bySymbol.has(r.symbol)) bySymbol.set(r.symbol, new Map());
    bySymbol.get(r.symbol)!.set(r.time, r);
  }
  return dates.map((t) => {
    const sleeves: Record<string, { equity: number; cash: number; position: number; close: number }> = {};
    for (const s of symbols) {
      const r = bySymbol.get(s)?.get(t);
      if (r) {
        sleeves[s] = { equity: r.equity, cash: r.cash, position: r.position, close: r.close };
        last.set(s, r.equity);
      }
    }
    return { date: isoDay(t), equity: [...last.values()].reduce((a, b) => a + b, 0), sleeves };
  });
}
export type PaperEquityView = ReturnType<typeof equityView>;

export function decisionView(d: PaperDecisionRow) {
  return { symbol: d.symbol, date: isoDay(d.time), agent: d.agent, output: d.output };
}

export function tickView(t: PaperTickRow) {
  return { at: t.at, outcome: t.outcome, bar: day(t.barTime), note: t.note };
}
