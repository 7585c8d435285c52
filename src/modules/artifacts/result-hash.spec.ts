import { BacktestResult } from '../../core/engine/backtest-result';
import { sampleResult } from '../persistence/testing/sample-result.fixture';
import { resultHash, resultHashAsRecorded } from './result-hash';

function nextUp(x: number): number {
  const bits = new BigInt64Array(new Float64Array([x]).buffer);
  bits[0] += x >= 0 ? 1n : -1n;
  return new Float64Array(bits.buffer)[0];
}

function copy(result: BacktestResult): BacktestResult {
  return structuredClone(result);
}

describe('resultHash', () => {
  const metrics = { sharpe: 1.25, mdd: -0.125, winRate: 0.5 };

  it('is a sha256 hex digest, identical for equal results built independently', () => {
    const hash = resultHash(sampleResult(300, 5), metrics);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(resultHash(sampleResult(300, 5), { winRate: 0.5, mdd: -0.125, sharpe: 1.25 })).toBe(hash);
  });

  it('changes when one equity value moves by one ulp', () => {
    const base = sampleResult(300, 5);
    const moved = copy(base);
    moved.equity[123] = nextUp(moved.equity[123]);
    expect(moved.equity[123]).not.toBe(base.equity[123]);
    expect(resultHash(moved, metrics)).not.toBe(resultHash(base, metrics));
  });

  it('changes when a cash, position, order, trade or metric value changes', () => {
    const base = sampleResult(300, 5);
    const baseHash = resultHash(base, metrics);
    const variants: Array<[string, (r: BacktestResult) => void, object?]> = [
      ['cash', (r) => { r.cash[0] = nextUp(r.cash[0]); }],
      ['position', (r) => { r.position[299] += 1; }],
      ['order price', (r) => { r.orders[3].price = nextUp(r.orders[3].price); }],
      ['order tag', (r) => { r.orders[0].tag += ' '; }],
      ['trade pnl', (r) => { r.trades[2].pnl = nextUp(r.trades[2].pnl); }],
      ['metric', () => undefined, { ...metrics, sharpe: nextUp(1.25) }],
    ];
    for (const [, mutate, otherMetrics] of variants) {
      const changed = copy(base);
      mutate(changed);
      expect(resultHash(changed, otherMetrics ?? metrics)).not.toBe(baseHash);
    }
  });

  it('hashes a series longer than its block of values as it hashed the series whole', () => {
    // The hashes this serialisation gave (v1: orders and trades as canonical JSON; v2: as their
    // ledger blocks) when each series was copied into one buffer.
    const long = sampleResult(100_000, 40);
    long.equity[40_000] = NaN;
    long.cash[70_001] = NaN;
    long.close[65_535] = NaN;
    const v1 = 'ea063bc3fe11fe4bd9caafa9b5c69cfbc6bff798c49048a65c390cec77171197';
    expect(resultHash(long, { sharpe: 1.25 })).toBe('19d4287afd8dc3f932066ca916139cd413b3a9c6029e36554dd790e45fe29fe2');
    expect(resultHashAsRecorded(long, { sharpe: 1.25 }, v1)).toBe(v1);
  });

  it('gives a run recorded in the current format, or with no hash, the current hash', () => {
    // (A run recorded in v1 gets its v1 hash: see the test above.)
    const result = sampleResult(300, 5);
    const current = resultHash(result, metrics);
    expect(resultHashAsRecorded(result, metrics, current)).toBe(current);
    expect(resultHashAsRecorded(result, metrics, null)).toBe(current);
    expect(resultHashAsRecorded(result, metrics, '0'.repeat(64))).toBe(current);
  });

  it('tells 0 from -0 and hashes every NaN alike', () => {
    const base = sampleResult(10, 1);
    const negZero = copy(base);
    base.position[3] = 0;
    negZero.position[3] = -0;
    expect(resultHash(negZero, metrics)).not.toBe(resultHash(base, metrics));

    const quiet = copy(base);
    const payload = copy(base);
    quiet.equity[2] = NaN;
    new BigInt64Array(payload.equity.buffer, payload.equity.byteOffset, payload.equity.length)[2] = 0x7ff8000000000abcn;
    expect(payload.equity[2]).toBeNaN();
    expect(resultHash(payload, metrics)).toBe(resultHash(quiet, metrics));

    // An order's NaN (a market order's limit) too, whatever its payload.
    const orderPayload = copy(base);
    orderPayload.orders[0].limit = new Float64Array(new BigInt64Array([0x7ff8000000000abcn]).buffer)[0];
    const orderQuiet = copy(base);
    orderQuiet.orders[0].limit = NaN;
    expect(resultHash(orderPayload, metrics)).toBe(resultHash(orderQuiet, metrics));
  });
});
