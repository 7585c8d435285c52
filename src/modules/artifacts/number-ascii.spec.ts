import { NUMBER_ASCII_MAX_BYTES, writeNumberAscii } from './number-ascii';
import { writeIsoDayAscii } from './iso-day-ascii';
import { isoDay } from '../../core/market/dates';

const out = Buffer.alloc(NUMBER_ASCII_MAX_BYTES + 8);

/** The text written, marked when it took more room than it may or touched a byte around it. */
function written(n: number): string {
  out.fill(0x7e);
  const end = writeNumberAscii(out, 4, n);
  const text = out.subarray(4, end).toString('latin1');
  if (end - 4 > NUMBER_ASCII_MAX_BYTES) return `${text} (longer than ${NUMBER_ASCII_MAX_BYTES})`;
  for (let i = 0; i < out.length; i++) if ((i < 4 || i >= end) && out[i] !== 0x7e) return `${text} (byte ${i} overwritten)`;
  return text;
}

/** A generator of doubles for the comparison (xorshift, seeded, so every run checks the same values). */
function doubles(count: number, seed: number, make: (u: () => number) => number): number[] {
  let s = seed >>> 0;
  const u = () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32;
  };
  return Array.from({ length: count }, () => make(u));
}

describe('writeNumberAscii', () => {
  it('writes what String writes for the edge values', () => {
    const edges = [
      0, -0, 1, -1, 0.1, 0.2, 0.1 + 0.2, 1 / 3, -2 / 3, 0.5, 1e-6, 1.5e-6, 9.99e-7, 1e-7, -1e-7, 1e-5, 0.000123,
      5e-324, -5e-324, Number.MIN_VALUE, Number.MAX_VALUE, -Number.MAX_VALUE, Number.EPSILON, 2 ** 53, 2 ** 53 + 2, 2 ** 31, 2 ** 32 + 0.5,
      1e15, 1e15 - 1, 999_999_999_999_999, 99_999_999_999_999.9, 123_456_789_012_345, 12_345_678.901_234_5, 1e16, 1e20, 1e21, -1e21, 1.5e21,
      1e22, 123e-20, -1.2345678901234567e-7, -0.0000012345678901234567, -1.2345678901234567e-308, 100, 1000.5, 69.380292, 61.2345, 100_000, 99_999.99, 0.95, 4.9e-3, 0.99, NaN, Infinity, -Infinity,
    ];
    expect(edges.map(written)).toEqual(edges.map(String));
  });

  it('writes what String writes for prices with a few decimals, their products and sums, integers and random doubles', () => {
    const values = [
      ...doubles(20_000, 1, (u) => Math.round(u() * 1e6) / 1e4),
      ...doubles(20_000, 2, (u) => (Math.round(u() * 1e6) / 1e4) * Math.round(u() * 1000)),
      ...doubles(20_000, 3, (u) => 100_000 - (Math.round(u() * 1e6) / 1e4) * Math.round(u() * 1000) - 0.99),
      ...doubles(20_000, 4, (u) => Math.round((u() - 0.5) * 2 ** 40)),
      ...doubles(20_000, 5, (u) => (u() - 0.5) * 10 ** Math.round(u() * 40 - 20)),
      ...doubles(20_000, 6, (u) => Math.round(u() * 10 ** Math.round(u() * 15)) / 10 ** Math.round(u() * 12)),
      ...doubles(20_000, 7, (u) => new Float64Array(new Uint32Array([(u() * 2 ** 32) >>> 0, (u() * 2 ** 32) >>> 0]).buffer)[0]),
    ];
    const wrong = values.filter((n) => written(n) !== String(n));
    expect(wrong).toEqual([]);
  });
});

describe('writeIsoDayAscii', () => {
  it('writes what isoDay writes', () => {
    const times = [0, 86_400_000, Date.UTC(2000, 1, 29), Date.UTC(1900, 1, 28), Date.UTC(2100, 11, 31), Date.UTC(9999, 11, 31), Date.UTC(10_000, 0, 1), Date.UTC(999, 5, 1), Date.UTC(-1, 0, 1)];
    for (let d = 0; d < 200_000; d += 7) times.push(Date.UTC(1900, 0, 1) + d * 86_400_000);
    const out = Buffer.alloc(32);
    for (const t of times) expect([t, out.subarray(0, writeIsoDayAscii(out, 0, t)).toString('latin1')]).toEqual([t, isoDay(t)]);
  });

  it('writes what isoDay writes for days in a row, repeated days and jumps, across month, leap-day and year ends', () => {
    const times: number[] = [];
    for (let d = 0; d < 3_000; d++) times.push(Date.UTC(1999, 0, 1) + d * 86_400_000);
    for (let d = 0; d < 400; d++) times.push(Date.UTC(2024, 1, 20) + Math.floor(d / 3) * 86_400_000 + (d % 3) * 3_600_000);
    times.push(Date.UTC(2024, 1, 27), Date.UTC(2023, 1, 28), Date.UTC(2023, 2, 1), Date.UTC(9999, 11, 31), Date.UTC(10_000, 0, 1), Date.UTC(10_000, 0, 2), Date.UTC(2020, 0, 1));
    const out = Buffer.alloc(32);
    const wrong = times.filter((t) => out.subarray(0, writeIsoDayAscii(out, 0, t)).toString('latin1') !== isoDay(t));
    expect(wrong).toEqual([]);
  });
});
