import { seededRandom } from '../../core/studies/mulberry32';
import { writeShortestDecimal } from './shortest-decimal';

const out = Buffer.alloc(64);

/** Checks every value: the text written is String's, or nothing is written (-1). Returns the share declined. */
function check(values: readonly number[]): { wrong: Array<[number, string]>; declined: number } {
  const wrong: Array<[number, string]> = [];
  let declined = 0;
  for (const x of values) {
    out.fill(0x7e);
    const end = writeShortestDecimal(out, 8, x);
    if (end < 0) {
      declined++;
      if (out.some((b) => b !== 0x7e)) wrong.push([x, 'wrote bytes, then declined']);
      continue;
    }
    const text = out.toString('latin1', 8, end);
    if (text !== String(x) || out[7] !== 0x7e || out[end] !== 0x7e) wrong.push([x, text]);
  }
  return { wrong, declined: declined / values.length };
}

/** Each element of a walk of `n` steps from `start`, each step times 1 + a change of at most `step`. */
function walk(u: () => number, n: number, start: number, step: number): number[] {
  const values: number[] = [];
  let v = start;
  for (let i = 0; i < n; i++) values.push((v *= 1 + (u() - 0.5) * 2 * step));
  return values;
}

describe('writeShortestDecimal', () => {
  it("writes String's text for the numbers of an equity curve: equity, cash earning interest, the interest, drawdowns, declining almost none", () => {
    const u = seededRandom(42);
    const equity = walk(u, 100_000, 100_000, 0.01);
    let cash = 100_000;
    let interest = 0;
    const cashes: number[] = [];
    const interests: number[] = [];
    for (let i = 0; i < 100_000; i++) {
      const earned = (cash * 0.03) / 252;
      cash += earned;
      interest += earned;
      if (i % 37 === 0) cash -= Math.round(u() * 1e4) / 100;
      cashes.push(cash);
      interests.push(interest);
    }
    let peak = 0;
    const drawdowns = equity.map((e) => 1 - e / (peak = Math.max(peak, e))).filter((v) => v > 0);
    const { wrong, declined } = check([...equity, ...cashes, ...interests, ...drawdowns, ...equity.map((e) => e * 53_970 + 0.125)]);
    expect(wrong).toEqual([]);
    expect(declined).toBeLessThan(0.001);
  });

  it("writes String's text or declines for doubles over its range, random bits, decimals and their neighbours", () => {
    const u = seededRandom(7);
    const bits = new Uint32Array(2);
    const asDouble = new Float64Array(bits.buffer);
    const values: number[] = [];
    for (let i = 0; i < 200_000; i++) values.push(10 ** (u() * 21 - 6));
    for (let i = 0; i < 200_000; i++) {
      bits[0] = (u() * 2 ** 32) >>> 0;
      bits[1] = ((u() * 2 ** 20) >>> 0) | ((1003 + Math.floor(u() * 70)) << 20);
      values.push(Math.abs(asDouble[0]));
    }
    for (let i = 0; i < 100_000; i++) {
      // A decimal of up to 16 digits and its two neighbouring doubles.
      const x = Math.round(u() * 10 ** (1 + Math.floor(u() * 16))) / 10 ** Math.floor(u() * 22);
      values.push(x, x + x * Number.EPSILON, x - (x * Number.EPSILON) / 2);
    }
    for (let e = -6; e < 15; e++) {
      for (let k = 1; k < 60; k++) values.push(10 ** e * (1 + k * Number.EPSILON), 10 ** e * (1 - (k * Number.EPSILON) / 2), 2 ** (e * 3) * (1 + k * Number.EPSILON));
    }
    expect(check(values.filter((x) => x > 0)).wrong).toEqual([]);
    // Integers and numbers outside its range are the caller's; of the others it declines few.
    const { declined } = check(values.filter((x) => x >= 1e-6 && x < 1e15 && !Number.isInteger(x)));
    expect(declined).toBeLessThan(0.03);
  });

  it('declines outside [1e-6, 1e15), for powers of two, NaN and the infinities', () => {
    for (const x of [0, 9.99e-7, 1e15, 1e21, 2 ** 40, 0.5, 2 ** -10, NaN, Infinity]) expect(writeShortestDecimal(out, 0, x)).toBe(-1);
  });
});
