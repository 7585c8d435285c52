import { createHash, Hash } from 'node:crypto';
import { BacktestResult } from '../../core/engine/backtest-result';
import { canonicalize } from './canonical-json';

/** Bumped whenever the serialisation below changes, so old and new hashes never match by accident. */
const FORMAT = 'tradinggroup-result-hash-v1';

/**
 * SHA-256 (hex) of a result and its metrics: the per-bar series as exact little-endian float64
 * bytes, the orders, trades and metrics in canonical JSON. Equal results give equal hashes;
 * a one-ulp change of any series value changes it. All NaNs hash alike.
 */
export function resultHash(result: BacktestResult, metrics: object): string {
  const hash = createHash('sha256');
  hash.update(`${FORMAT}\n`);
  hash.update(
    canonicalize({
      symbol: result.symbol,
      startBar: result.startBar,
      endBar: result.endBar,
      initialCash: result.initialCash,
      activeFrom: result.activeFrom,
    }),
  );
  const series: Array<[string, Float64Array]> = [
    ['time', result.time],
    ['equity', result.equity],
    ['cash', result.cash],
    ['position', result.position],
    ['close', result.close],
  ];
  for (const [name, values] of series) updateFloats(hash, name, values);
  hash.update(`\ntradingDay:${result.tradingDay.length}\n`);
  hash.update(Buffer.from(result.tradingDay.buffer, result.tradingDay.byteOffset, result.tradingDay.byteLength));
  hash.update(`\norders\n${canonicalize(result.orders)}`);
  hash.update(`\ntrades\n${canonicalize(result.trades)}`);
  // Rule strategies have no trace; leaving it out keeps their hashes as they were.
  if (result.trace.length > 0) hash.update(`\ntrace\n${canonicalize(result.trace)}`);
  hash.update(`\nmetrics\n${canonicalize(metrics)}`);
  return hash.digest('hex');
}

/** Values hashed at a time: the bytes of a million-bar series are never all copied at once. */
const FLOAT_BLOCK = 1 << 15;

function updateFloats(hash: Hash, name: string, values: Float64Array): void {
  hash.update(`\n${name}:${values.length}\n`);
  const bytes = Buffer.alloc(Math.min(values.length, FLOAT_BLOCK) * 8);
  for (let start = 0; start < values.length; start += FLOAT_BLOCK) {
    const end = Math.min(values.length, start + FLOAT_BLOCK);
    for (let i = start; i < end; i++) {
      const at = (i - start) * 8;
      if (Number.isNaN(values[i])) {
        // NaN payloads may differ between equal computations; hash one canonical quiet NaN.
        bytes.writeUInt32LE(0, at);
        bytes.writeUInt32LE(0x7ff80000, at + 4);
      } else {
        bytes.writeDoubleLE(values[i], at);
      }
    }
    hash.update(bytes.subarray(0, (end - start) * 8));
  }
}
