import { parseIsoDay } from '../../../core/market/dates';

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The trading day (epoch ms at 00:00 UTC) of an instant, as a date in the exchange's time zone. */
export function exchangeDay(instantMs: number, timeZone: string): number {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, f);
  }
  return parseIsoDay(f.format(new Date(instantMs)));
}
