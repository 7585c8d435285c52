import { parseIsoDay } from '../../../core/market/dates';
import { InputError } from '../../backtests/input.error';

/** A whole number in `[min, max]`; otherwise an InputError naming the flag and the range. */
export function wholeNumber(flag: string, value: string, min: number, max: number): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isInteger(n) || n < min || n > max) {
    throw new InputError(`${flag}: expected a whole number from ${min} to ${max}, got "${value}"`, flag);
  }
  return n;
}

/** A calendar day `YYYY-MM-DD`; otherwise an InputError naming the flag. */
export function isoDay(flag: string, value: string): string {
  if (Number.isNaN(parseIsoDay(value))) throw new InputError(`${flag}: expected a date YYYY-MM-DD, got "${value}"`, flag);
  return value;
}
