/**
 * `en-US` numbers with thousands separators. `Number.prototype.toLocaleString` with options
 * builds a new `Intl.NumberFormat` on every call (tens of microseconds each), and even a kept
 * formatter takes a microsecond or two a number; a report formats thousands of them. Intl rounds
 * the number's shortest round-trip decimal (the digits of `String(n)`) half away from zero, so a
 * number that is not negative and is written by `String` without an exponent is rounded here
 * from those digits, with its separators put in; the others go to a formatter made once per
 * number of decimals.
 */
const formatters = new Map<number, Intl.NumberFormat>();

/** `value` with exactly `digits` decimals and thousands separators, as `toLocaleString('en-US', …)` writes it. */
export function groupedFixed(value: number, digits: number): string {
  if (value >= 0 && value < 1e21 && !Object.is(value, -0) && Number.isInteger(digits) && digits >= 0 && digits <= 20) {
    const text = String(value);
    if (text.indexOf('e') === -1) return rounded(text, digits);
  }
  let f = formatters.get(digits);
  if (!f) formatters.set(digits, (f = new Intl.NumberFormat('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })));
  return f.format(value);
}

/** A plain decimal (digits and at most one point) rounded half up to `digits` decimals and grouped. */
function rounded(text: string, digits: number): string {
  const dot = text.indexOf('.');
  let whole = dot === -1 ? text : text.slice(0, dot);
  let fraction = dot === -1 ? '' : text.slice(dot + 1);
  if (fraction.length > digits) {
    const up = fraction.charCodeAt(digits) >= 53; // '5' or more: a tie goes up, as does anything above it
    fraction = fraction.slice(0, digits);
    if (up) {
      const all = incremented(whole + fraction);
      whole = all.slice(0, all.length - digits);
      fraction = all.slice(all.length - digits);
    }
  }
  return digits === 0 ? grouped(whole) : `${grouped(whole)}.${fraction.padEnd(digits, '0')}`;
}

/** A string of decimal digits plus one. */
function incremented(digitsText: string): string {
  let i = digitsText.length - 1;
  while (i >= 0 && digitsText[i] === '9') i--;
  if (i < 0) return `1${'0'.repeat(digitsText.length)}`;
  return digitsText.slice(0, i) + String.fromCharCode(digitsText.charCodeAt(i) + 1) + '0'.repeat(digitsText.length - 1 - i);
}

/** Puts a comma between each group of three digits of a whole number's digits. */
function grouped(whole: string): string {
  if (whole.length <= 3) return whole;
  const head = whole.length % 3 || 3;
  let out = whole.slice(0, head);
  for (let i = head; i < whole.length; i += 3) out += `,${whole.slice(i, i + 3)}`;
  return out;
}
