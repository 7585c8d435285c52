/**
 * `en-US` number formatters, made once per number of decimals. `Number.prototype.toLocaleString`
 * with options builds a new `Intl.NumberFormat` on every call (tens of microseconds each); a
 * report or a table formats thousands of numbers, so each formatter is made once and kept.
 */
const formatters = new Map<number, Intl.NumberFormat>();

/** `value` with exactly `digits` decimals and thousands separators, as `toLocaleString('en-US', …)` writes it. */
export function groupedFixed(value: number, digits: number): string {
  let f = formatters.get(digits);
  if (!f) formatters.set(digits, (f = new Intl.NumberFormat('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })));
  return f.format(value);
}
