import { MemoryCase } from '../reflection/memory-case';
import { OrderRecord, Trade } from './orders';

/**
 * What one engine run produced, over the evaluation window [startBar, endBar) of its series.
 * Per-bar arrays have one entry per window bar; `time`, `close` and `tradingDay` are views
 * that share memory with the input series.
 */
export interface BacktestResult {
  symbol: string;
  startBar: number;
  endBar: number;
  initialCash: number;
  /** Bar dates (epoch ms, 00:00 UTC). */
  time: Float64Array;
  /** Cash + marked position at each bar's close, after that bar's fills. */
  equity: Float64Array;
  cash: Float64Array;
  /** Signed shares held at each bar's close. */
  position: Float64Array;
  /** Interest credited on cash up to each bar's close (cumulative; see `EngineConfig.cashRate`); absent: none. */
  interest?: Float64Array;
  /** Borrow fees charged on shorts over the run (absent: none). */
  borrowFees?: number;
  /** Close price at each bar (the mark). */
  close: Float64Array;
  /** 1 for a real session, 0 for a calendar filler bar. */
  tradingDay: Uint8Array;
  /** Window index of the first bar on which the strategy made decisions (its min period reached). */
  activeFrom: number;
  /** Made from the ledger columns when first read (see ledgerColumns). */
  orders: OrderRecord[];
  trades: Trade[];
  /** What the strategy's agents said at each decision, in order (empty for rule strategies). */
  trace: DecisionTraceEntry[];
  /** The trace's notes (see trace-notes.ts), read without building the trace; absent: from `trace`. */
  traceNotes?(): string[];
  /**
   * The orders and trades as the engine keeps them, in columns, which a finished run's outputs
   * read (`ordersOf`, `tradesOf`); absent or undefined when the result holds records only (a copy,
   * a paper step, or records given in their place).
   */
  ledgerColumns?(): LedgerColumns | undefined;
  /** Labelled cases of the reflective agents, stamped with the time each label became known. */
  memory: MemoryCase[];
  /** What the strategy reported about degraded steps (shown with the run). */
  notes: string[];
}

/**
 * A run's orders and trades as columns, one entry per record in engine order: what `orders` and
 * `trades` are made from, field for field (a text field as a code into its list of texts).
 * Read-only.
 */
export interface LedgerColumns {
  orders: {
    count: number;
    signalBar: ArrayLike<number>;
    signalTime: ArrayLike<number>;
    side: ArrayLike<number>;
    sides: readonly string[];
    type: ArrayLike<number>;
    types: readonly string[];
    requestedQty: ArrayLike<number>;
    limit: ArrayLike<number>;
    stop: ArrayLike<number>;
    reason: ArrayLike<number>;
    reasons: readonly string[];
    /** `tag` and `note` are codes into `strings`. */
    tag: ArrayLike<number>;
    status: ArrayLike<number>;
    statuses: readonly string[];
    eventBar: ArrayLike<number>;
    eventTime: ArrayLike<number>;
    filledQty: ArrayLike<number>;
    price: ArrayLike<number>;
    commission: ArrayLike<number>;
    note: ArrayLike<number>;
    strings: readonly string[];
  };
  trades: {
    count: number;
    /** 1 for a long trade, 0 for a short one. */
    long: ArrayLike<number>;
    entryBar: ArrayLike<number>;
    entryTime: ArrayLike<number>;
    entryPrice: ArrayLike<number>;
    exitBar: ArrayLike<number>;
    exitTime: ArrayLike<number>;
    exitPrice: ArrayLike<number>;
    maxQty: ArrayLike<number>;
    qty: ArrayLike<number>;
    pnl: ArrayLike<number>;
    returnPct: ArrayLike<number>;
    commission: ArrayLike<number>;
    exitReason: ArrayLike<number>;
    reasons: readonly string[];
  };
}

/** One agent output recorded at a decision: the run's decision trace. */
export interface DecisionTraceEntry {
  /** Bar index in the engine's series. */
  bar: number;
  /** The bar's date (epoch ms, 00:00 UTC). */
  time: number;
  agent: string;
  /** A JSON-serialisable output (see src/core/agents/agent.ts). */
  output: unknown;
}
