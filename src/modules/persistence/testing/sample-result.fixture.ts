import { BacktestResult } from '../../../core/engine/backtest-result';
import { OrderRecord, Trade } from '../../../core/engine/orders';
import { DAY_MS } from '../../../core/market/dates';

const START = Date.UTC(2020, 0, 1);

/** A deterministic result with irregular float values, NaN order prices and CSV-hostile text. */
export function sampleResult(bars = 30, roundTrips = 3): BacktestResult {
  const time = new Float64Array(bars);
  const equity = new Float64Array(bars);
  const cash = new Float64Array(bars);
  const position = new Float64Array(bars);
  const close = new Float64Array(bars);
  const tradingDay = new Uint8Array(bars);
  for (let i = 0; i < bars; i++) {
    time[i] = START + i * DAY_MS;
    close[i] = 100 + Math.sin(i / 7) * 13.37 + i / 3;
    position[i] = i % 10 < 5 ? 10 : 0;
    cash[i] = 100_000 - position[i] * close[i] * 0.999 + i / 7;
    equity[i] = cash[i] + position[i] * close[i];
    tradingDay[i] = i % 7 === 5 ? 0 : 1;
  }
  const orders: OrderRecord[] = [];
  const trades: Trade[] = [];
  for (let k = 0; k < roundTrips; k++) {
    const entryBar = 10 + k * 10;
    const exitBar = entryBar + 4;
    orders.push(order(orders.length, entryBar, 'buy', time, close), order(orders.length + 1, exitBar, 'sell', time, close));
    trades.push({
      direction: 'long',
      entryBar,
      entryTime: time[entryBar % bars],
      entryPrice: close[entryBar % bars],
      exitBar,
      exitTime: time[exitBar % bars],
      exitPrice: close[exitBar % bars],
      maxQty: 10,
      qty: 10,
      pnl: (close[exitBar % bars] - close[entryBar % bars]) * 10 - 0.3,
      returnPct: (close[exitBar % bars] / close[entryBar % bars] - 1) * 100,
      commission: 0.1 + k / 3,
      exitReason: k === roundTrips - 1 ? 'end-of-test' : 'take-profit',
      barsHeld: 4,
    });
  }
  const trace = Array.from({ length: bars }, (_, i) => [
    { bar: 10 + i, time: time[i], agent: 'forecast', output: { data: { pUp: 0.5, label: 'up' }, rationale: `bar ${i}` } },
    { bar: 10 + i, time: time[i], agent: 'decision', output: { data: { action: i % 3 === 0 ? 'BUY' : 'HOLD' }, rationale: 'fused' } },
  ]).flat();
  return { symbol: 'AAPL', startBar: 10, endBar: 10 + bars, initialCash: 100_000, time, equity, cash, position, close, tradingDay, activeFrom: 3, orders, trades, trace, memory: [], notes: [] };
}

function order(id: number, bar: number, side: 'buy' | 'sell', time: Float64Array, close: Float64Array): OrderRecord {
  const at = bar % time.length;
  return {
    id,
    signalBar: bar - 1,
    signalTime: time[at] - DAY_MS,
    side,
    type: 'market',
    requestedQty: 10,
    limit: NaN,
    stop: NaN,
    reason: 'signal',
    tag: `sma10 crossed "${side}", fast`,
    status: 'filled',
    eventBar: bar,
    eventTime: time[at],
    filledQty: 10,
    price: close[at] * 1.0001,
    commission: 1 / 3,
    note: '',
  };
}
