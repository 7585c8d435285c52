import { FLOAT64_LITTLE_ENDIAN } from '../config/byte-order';

/**
 * The text `String(x)` gives a double of 16 or 17 significant digits (an equity, a cash balance
 * earning interest, a drawdown), written as ASCII bytes from exact arithmetic on doubles: about
 * 80 ns a number where `String` takes 285 and `JSON.stringify` 160 on the machine of
 * bench/README.md. It answers only what it can prove: near a rounding boundary, for a power of
 * two (whose rounding interval is lopsided) and outside [1e-6, 1e15) it declines (-1) and the
 * caller writes `String(x)`.
 *
 * `String(x)` writes the shortest decimal that reads back as x, the nearest to x among those
 * (ECMAScript Number::toString). With T = x·10^d for d such that 10^16 ≤ T < 10^17:
 * - T is exact as a pair of doubles (Dekker's product: 10^d is exact for d ≤ 22);
 * - a decimal reads back as x when it lies within half an ulp of x, i.e. in units of T's last
 *   digit within H = ulp(x)/2 · 10^d (0.55 < H ≤ 11.1);
 * - 17 digits always suffice; with k = 15, 16 or 17 digits the nearest k-digit decimal is T
 *   rounded to a multiple of 10^(17−k), and the fewest k whose nearest decimal is within H is
 *   the answer (the rounding interval is convex, so if any k-digit decimal reads back, the
 *   nearest does; fewer than 15 digits are 15 with trailing zeros, which are dropped).
 * T's low digits are known to within 2·10^-8 of a unit, far inside the margin kept from every
 * boundary (a millionth of H, and from the halfway points between two candidates).
 */

const POW10 = Float64Array.from({ length: 23 }, (_, d) => 10 ** d);
/** 1, 0.1, 0.01. */
const INVERSE_POW10 = Float64Array.of(1, 0.1, 0.01);
/** 2^27 + 1: splits a double into two halves whose products are exact. */
const SPLIT = 134_217_729;
/** Half an ulp of a normal double, by its biased exponent. */
const HALF_ULP = Float64Array.from({ length: 2048 }, (_, e) => 2 ** (e - 1076));
/** 10^k for k in [-7, 16] at index k + 7 (the nearest doubles, below 1). */
const TEN_TO = Float64Array.from({ length: 24 }, (_, i) => Number(`1e${i - 7}`));
/** ⌊log10 2^(e − 1023)⌋ by biased exponent e: 10^that ≤ x, and x < 10^(that + 2). */
const DECADE_OF_EXPONENT = Int32Array.from({ length: 2048 }, (_, e) => Math.floor((e - 1023) * Math.log10(2)));
/** ASCII of 00, 01, … 99, two bytes each. */
const PAIRS = Uint8Array.from({ length: 200 }, (_, i) => 48 + (i & 1 ? (i >> 1) % 10 : Math.floor((i >> 1) / 10)));
const bits = new Float64Array(1);
const words = new Uint32Array(bits.buffer);
/** Share of H kept clear of every boundary. */
const MARGIN = 1e-6;
const ZERO = 48;
const DOT = 46;

/**
 * Writes `String(x)` for a positive x into `out` at `at` (at most 24 bytes) and returns the
 * offset after it, or -1 without writing when it cannot prove the text (see above).
 */
export function writeShortestDecimal(out: Uint8Array, at: number, x: number): number {
  if (!(x >= 1e-6 && x < 1e15)) return -1;
  bits[0] = x;
  const high = words[FLOAT64_LITTLE_ENDIAN ? 1 : 0];
  if ((high & 0xfffff) === 0 && words[FLOAT64_LITTLE_ENDIAN ? 0 : 1] === 0) return -1;
  const exponent = (high >>> 20) & 0x7ff;
  // 10^e10 ≤ x < 10^(e10 + 1).
  let e10 = DECADE_OF_EXPONENT[exponent];
  if (x >= TEN_TO[e10 + 8]) e10++;
  const d = 16 - e10;
  const scale = POW10[d];
  // T = p + err exactly.
  const p = x * scale;
  let c = SPLIT * x;
  const xh = c - (c - x);
  const xl = x - xh;
  c = SPLIT * scale;
  const sh = c - (c - scale);
  const sl = scale - sh;
  const err = xh * sh - p + xh * sl + xl * sh + xl * sl;
  // T = hi·10^8 + low: hi its first 9 digits, low (not an integer) the rest.
  let hi = Math.floor(p * 1e-8);
  // hi·10^8 as hi·5^8·2^8: exact, so p minus it is too.
  let low = p - hi * 390_625 * 256 + err;
  if (low < 0) {
    low += 1e8;
    hi--;
  } else if (low >= 1e8) {
    low -= 1e8;
    hi++;
  }
  const limit = HALF_ULP[exponent] * scale;
  const margin = MARGIN * limit;
  // The fewest digits: the nearest decimal of 15, 16 or 17 digits (the last 2, 1 or 0 of T's
  // dropped) within the limit. Math.floor of v + 0.5 is Math.round for these v, and faster.
  let drop = 2;
  let kept = 0;
  for (; ; drop--) {
    const t = low * INVERSE_POW10[drop];
    kept = Math.floor(t + 0.5);
    const distance = Math.abs(t - kept) * POW10[drop];
    if (distance < limit - margin) break;
    if (distance <= limit + margin || drop === 0) return -1;
  }
  // Halfway between two candidates, which is nearer cannot be told at this precision.
  if (Math.abs(Math.abs(low - kept * POW10[drop]) - 0.5 * POW10[drop]) < margin + 1e-6) return -1;
  if (kept === POW10[8 - drop]) {
    kept = 0;
    hi++;
  }
  // Rounded up to a power of ten (one digit more): left to String.
  if (!(hi >= 1e8 && hi < 1e9)) return -1;
  // Its digits: hi's 9, then kept's, less the trailing zeros of the decimals.
  const keptDigits = 8 - drop;
  const whole = e10 + 1;
  const strippable = whole > 0 ? 17 - drop - whole : 17 - drop - 1;
  let zeros = 0;
  let last = kept === 0 ? hi : kept;
  if (kept === 0) zeros = keptDigits;
  while (zeros < strippable && last % 10 === 0) {
    last /= 10;
    zeros++;
  }
  if (zeros > strippable) zeros = strippable;
  const count = 17 - drop - zeros;
  // An integer has no more than 15 digits here, and is written by the caller: a point follows the whole part.
  if (whole > 0 && count <= whole) return -1;
  const digitsAt = whole > 0 ? at + 1 : at + 2 - whole;
  if (zeros < keptDigits) {
    writeDigits(out, Math.floor(kept / POW10[zeros]), digitsAt + count, keptDigits - zeros);
    writeDigits(out, hi, digitsAt + 9, 9);
  } else {
    writeDigits(out, Math.floor(hi / POW10[zeros - keptDigits]), digitsAt + count, count);
  }
  if (whole > 0) {
    // The digits were written one place right of `at`: the whole part moves left, the point follows it.
    for (let i = 0; i < whole; i++) out[at + i] = out[at + 1 + i];
    out[at + whole] = DOT;
    return at + 1 + count;
  }
  out[at] = ZERO;
  out[at + 1] = DOT;
  for (let i = at + 2; i < digitsAt; i++) out[i] = ZERO;
  return digitsAt + count;
}

/** Writes v (an integer, 0 ≤ v < 10^count < 2^31) as `count` ASCII digits ending before `end`. */
function writeDigits(out: Uint8Array, v: number, end: number, count: number): void {
  let rest = v | 0;
  let k = count;
  for (; k >= 2; k -= 2) {
    const q = (rest / 100) | 0;
    const pair = (rest - q * 100) << 1;
    out[--end] = PAIRS[pair + 1];
    out[--end] = PAIRS[pair];
    rest = q;
  }
  if (k === 1) out[--end] = ZERO + rest;
}
