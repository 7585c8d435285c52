import { groupedFixed } from './grouped-number';

describe('groupedFixed', () => {
  it('writes what toLocaleString en-US writes, ties, edges and random values alike', () => {
    const values = [
      0, -0, 0.5, 1.5, 2.5, 0.125, 0.375, 2.675, 1.005, 1.045, 999.995, 999.9949999, 1000, 999_999.5, 1_234_567.891, 1e15 - 1, 1e15 - 0.5, 1e15, 1e20, 1e21, 1.7e308,
      -1, -0.001, -1234.5, -1e21, 0.1 + 0.2, 5e-324, Number.EPSILON, NaN, Infinity, -Infinity, 123_456_789.125, 4.35, 4.345, 1.0000000000000002,
    ];
    let s = 17;
    const next = () => ((s = (s * 1_103_515_245 + 12_345) >>> 0) / 2 ** 32);
    for (let i = 0; i < 6_000; i++) values.push(next() * 10 ** Math.floor(next() * 22), Math.round(next() * 1e6) / 1e3, Math.round(next() * 1e5) / 100 + 0.005);
    const wrong: string[] = [];
    for (const digits of [0, 1, 2, 3, 4, 6]) {
      for (const v of values) {
        const expected = v.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
        if (groupedFixed(v, digits) !== expected) wrong.push(`${v} (${digits}): ${groupedFixed(v, digits)} ≠ ${expected}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
