import { seededRandom } from '../../core/studies/mulberry32';
import { chartPayloadPieces } from './report-chart-json';
import { jsonForScript } from './report-format';
import type { TradeMarker } from './report-markers';
import type { ChartPayload } from './report-view.model';

/** The payload's bytes: its pieces joined, each copied as it is taken (as the report writes them). */
function chartPayloadJson(chart: ChartPayload): Buffer {
  const bytes: Buffer[] = [];
  for (const piece of chartPayloadPieces(chart)) bytes.push(typeof piece === 'string' ? Buffer.from(piece, 'utf8') : Buffer.from(piece));
  return Buffer.concat(bytes);
}

/** What the report wrote before its series were typed arrays: the payload with plain arrays, through JSON.stringify. */
function plainJson(chart: ChartPayload): Buffer {
  const plain = Object.fromEntries(Object.entries(chart).map(([k, v]) => [k, ArrayBuffer.isView(v) ? Array.from(v as unknown as ArrayLike<number>) : v]));
  return Buffer.from(jsonForScript(plain), 'utf8');
}

function payload(n: number, u: () => number, series: (i: number) => number): ChartPayload {
  const make = (f: (i: number) => number) => Float64Array.from({ length: n }, (_, i) => f(i));
  let equity = 100_000;
  return {
    symbol: 'BRK.B',
    priceLabel: 'BRK.B close (split-adjusted) </script><!-- & \u2028 Zürich',
    initialCash: 100_000,
    t: make((i) => 1_360_281_600 + i * 86_400),
    equity: make(() => (equity *= 1 + (u() - 0.5) * 0.02)),
    benchmark: make((i) => (100_000 * (40 + i / 7)) / 39.87),
    drawdown: make((i) => (i % 5 === 0 ? 0 : -u() / 3)),
    benchmarkDrawdown: make(series),
    close: make(() => Math.round(u() * 1_000_000) / 100),
    position: make((i) => (i % 3 === 0 ? 0 : Math.floor(u() * 2_000) - 500)),
    tradingDay: Uint8Array.from({ length: n }, (_, i) => (i % 6 === 5 ? 0 : 1)),
    markers: [{ kind: 'entry', direction: 'long', index: 2, date: '2013-02-12', price: 45.07, trade: 1, qty: 2_105 }] as TradeMarker[],
    timeline: null,
  };
}

describe('chartPayloadJson', () => {
  it('writes the bytes of the payload with plain arrays through jsonForScript, for long and short numbers alike', () => {
    const u = seededRandom(17);
    for (const n of [0, 1, 3, 64, 65, 1_259, 4_000]) {
      const chart = payload(n, u, (i) => (i % 2 ? -u() : Math.round(u() * 1e4) / 1e4));
      expect(chartPayloadJson(chart).equals(plainJson(chart))).toBe(true);
    }
  });

  it('writes a long run\'s thousands of markers a few thousand at a time, as jsonForScript writes them whole', () => {
    const u = seededRandom(23);
    const chart = payload(300, u, (i) => i / 8);
    for (const count of [2_047, 2_048, 2_049, 6_001]) {
      chart.markers = Array.from({ length: count }, (_, k) => ({ kind: k % 2 ? 'exit' : 'entry', direction: 'long', index: k % 300, date: '2013-02-12', price: u() * 100, trade: k >> 1, qty: k, ...(k % 1_000 === 7 && { note: '</script> & \u2028' }) }) as never);
      expect(chartPayloadJson(chart).equals(plainJson(chart))).toBe(true);
      // A key and a value a field, and the closing brace; the markers' value beyond 2,048 of them in pieces between brackets.
      const fields = Object.values(chart).filter((v) => v !== undefined).length;
      expect([...chartPayloadPieces(chart)].length).toBe(2 * fields + 1 + (count > 2_048 ? 1 + Math.ceil(count / 2_048) : 0));
      // The same markers as a list made as it is read (a long run's): the same bytes.
      const markers = chart.markers as TradeMarker[];
      const asList = { ...chart, markers: { length: markers.length, at: (i: number) => (i >= 0 && i < markers.length ? { ...markers[i] } : undefined) } };
      expect(chartPayloadJson(asList).equals(chartPayloadJson(chart))).toBe(true);
    }
  });

  it('writes null for NaN and ±Infinity and 0 for −0 in either kind of series, and the exponent forms as JSON does', () => {
    const odd = [NaN, Infinity, -Infinity, -0, 0, 1e-7, -1.5e-7, 1e21, 1.5e22, 5e-324, Number.MAX_VALUE, 2 ** 53 + 2, 0.1 + 0.2];
    const u = seededRandom(5);
    // A series of short decimals with the odd values in it, and one of long numbers with them.
    const short = payload(200, u, (i) => odd[i % odd.length] ?? i / 4);
    const long = { ...payload(200, u, () => 0), drawdown: Float64Array.from({ length: 200 }, (_, i) => (i % 3 ? odd[i % odd.length] : -u())) };
    for (const chart of [short, long]) {
      const text = chartPayloadJson(chart);
      expect(text.equals(plainJson(chart))).toBe(true);
      expect(text.toString('utf8')).not.toMatch(/<|>|&|\u2028|NaN|Infinity/);
    }
  });

  it('takes a timeline and plain-array series as JSON.stringify does', () => {
    const chart = {
      ...payload(10, seededRandom(3), (i) => i),
      equity: [1, 2.5, NaN, 4] as unknown as Float64Array,
      timeline: [{ date: '2013-02-12', action: 'BUY', confidence: 0.8, t: 1_360_627_200, score: 0.8, held: 1, reflection: '"quoted" <b>' }],
    } as unknown as ChartPayload;
    expect(chartPayloadJson(chart).equals(plainJson(chart))).toBe(true);
  });
});
