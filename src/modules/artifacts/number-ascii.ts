import { writeShortestDecimal } from './shortest-decimal';

/**
 * Numbers written as ASCII bytes straight into a buffer, the same text as `String(n)`, without a
 * string per number: a million-bar run writes five million of them into equity.csv.
 *
 * Most of them (prices read from files with a few decimals, share counts, zero) are exactly a
 * decimal of at most 15 significant digits. Any decimal of at most 15 significant digits reads
 * back to a double of its own (DBL_DIG is 15), so when m / 10^d reads back to n with m below
 * 10^15 and d as small as it can be, m's digits are the shortest round-trip digits of n, which
 * `String(n)` writes. The decimals d = 0, 1, … 8 are tried in turn. A number of 16 or 17 digits
 * (an equity, a cash balance earning interest) is written by `writeShortestDecimal` from exact
 * arithmetic, and anything it declines (exponent notation, a boundary case) from `String(n)`.
 */

/** Room a number needs: `String(n)` of a double is at most 25 characters ("-0.0000012345678901234567"). */
export const NUMBER_ASCII_MAX_BYTES = 25;

const POW10 = Array.from({ length: 22 }, (_, d) => 10 ** d);
/** Fixed notation for |n| from 1e-6 (below it, `String` writes an exponent); m below 10^15 stops the search anyway. */
const SMALLEST_FIXED = 1e-6;
const MAX_SIGNIFICANT = 1e15;
/** Prices, quantities and cash amounts have a few decimals; a number with more is written by `String`. */
const MOST_DECIMALS_TRIED = 8;
const ZERO = 48;
const MINUS = 45;
const DOT = 46;

/** Scratch for the digits of m, least significant first. */
const digits = new Uint8Array(16);

/**
 * Writes `String(n)` into `out` at `at` (ASCII, {@link NUMBER_ASCII_MAX_BYTES} at most) and
 * returns the offset after it. NaN is written as `NaN` and ±Infinity as `Infinity`/`-Infinity`,
 * as `String` does; callers that want another text for them check first.
 */
export function writeNumberAscii(out: Uint8Array, at: number, n: number): number {
  if (n === 0) {
    // Both zeros: String(-0) is "0".
    out[at] = ZERO;
    return at + 1;
  }
  const a = n < 0 ? -n : n;
  if (fromDigits(a)) {
    // The fewest decimals that read back to n.
    for (let d = 0; d <= MOST_DECIMALS_TRIED; d++) {
      const m = roundedPositive(a * POW10[d]);
      if (m >= MAX_SIGNIFICANT) break;
      if (m / POW10[d] === a) return writeFixed(out, at, n < 0, m, d);
    }
  }
  if (a === a) {
    const end = writeShortestDecimal(out, n < 0 ? at + 1 : at, a);
    if (end >= 0) {
      if (n < 0) out[at] = MINUS;
      return end;
    }
  }
  const text = String(n);
  for (let i = 0; i < text.length; i++) out[at + i] = text.charCodeAt(i);
  return at + text.length;
}

function fromDigits(a: number): boolean {
  return a >= SMALLEST_FIXED && a < MAX_SIGNIFICANT && hasFewDecimals(a);
}

/**
 * Whether a (in [1e-6, 1e15)) reads back from some m / 10^d with d up to
 * {@link MOST_DECIMALS_TRIED} and m below 10^15, found with one test at the most decimals D
 * that keep a·10^D below 10^15: such an m / 10^d is also the decimal M / 10^D (M = m·10^(D−d),
 * below 10^15). M and 10^D are exact doubles, so M / 10^D rounds the decimal as parsing it
 * would; and when a is that decimal's double, a·10^D is within 0.2 of M (a is within half an
 * ulp, 2^-53 a, of the decimal, and the product rounds by at most 1/16 below 10^15), so
 * rounding it gives M back. When a is no such double, whatever the test divides cannot read
 * back to a.
 */
function hasFewDecimals(a: number): boolean {
  let d = MOST_DECIMALS_TRIED;
  while (d > 0 && a * POW10[d] >= MAX_SIGNIFICANT) d--;
  return roundedPositive(a * POW10[d]) / POW10[d] === a;
}

/** `Math.round(v)` for 0 ≤ v < 2^52, where v + 0.5 is exact: Math.round measured several times slower in V8. */
function roundedPositive(v: number): number {
  return Math.floor(v + 0.5);
}

/** Writes m / 10^d in fixed notation: m below 10^15, d as small as it can be (no trailing zero). */
function writeFixed(out: Uint8Array, at: number, negative: boolean, m: number, d: number): number {
  // Split in two parts below 2^31 so that the digits come from integer arithmetic.
  let high = Math.floor(m / 1e8) | 0;
  let low = (m - high * 1e8) | 0;
  let count = 0;
  while (low > 0 || (high > 0 && count < 8)) {
    const rest = (low / 10) | 0;
    digits[count++] = low - rest * 10;
    low = rest;
  }
  while (high > 0) {
    const rest = (high / 10) | 0;
    digits[count++] = high - rest * 10;
    high = rest;
  }
  if (negative) out[at++] = MINUS;
  if (count <= d) {
    out[at++] = ZERO;
    out[at++] = DOT;
    for (let z = count; z < d; z++) out[at++] = ZERO;
    for (let k = count - 1; k >= 0; k--) out[at++] = ZERO + digits[k];
    return at;
  }
  for (let k = count - 1; k >= 0; k--) {
    out[at++] = ZERO + digits[k];
    if (k === d && d > 0) out[at++] = DOT;
  }
  return at;
}
