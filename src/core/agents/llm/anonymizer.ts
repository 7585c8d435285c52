import { isoDay } from '../../market/dates';

/**
 * How a run hides what a model could recall (the contamination guard): the ticker and the
 * company's names become one placeholder, every date moves by a fixed number of days (a whole
 * number of weeks, so weekdays stay), and prices are multiplied by a fixed factor. Stored with
 * the run; the trace is written back in real terms.
 */
export interface Anonymization {
  placeholder: string;
  /** The names replaced by the placeholder (ticker first, then aliases). */
  names: string[];
  /** Days added to every date shown. */
  dayOffset: number;
  /** Factor applied to every price shown. */
  priceScale: number;
}

const DAY_MS = 86_400_000;
const PLACEHOLDER = 'ASSET';

/**
 * The anonymization of a run on `symbol`: dates 30 to 49 years (in whole weeks) ahead, so no
 * shown day is one a model has read about, and prices rescaled so the first close is 100.
 * Depends on the symbol, the seed and the first close only (all known before the first bar).
 */
export function anonymizationFor(symbol: string, aliases: readonly string[], firstClose: number, seed: number): Anonymization {
  let h = 2166136261 ^ seed;
  for (const ch of symbol) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  const years = 30 + ((h >>> 0) % 20);
  const scale = firstClose > 0 && Number.isFinite(firstClose) ? 100 / firstClose : 1;
  const names = [symbol, ...aliases].map((n) => n.trim()).filter((n) => n.length > 0);
  return { placeholder: PLACEHOLDER, names: [...new Set(names)], dayOffset: years * 52 * 7, priceScale: Number(scale.toPrecision(6)) };
}

/** Writes what a prompt shows, anonymized or not; and reads a model's text back in real terms. */
export class Anonymizer {
  private readonly namePattern: RegExp | null;
  private readonly yearShift: number;

  constructor(readonly anonymization: Anonymization | null) {
    const a = anonymization;
    this.yearShift = a ? Math.round(a.dayOffset / 365.25) : 0;
    const names = a ? [...a.names].sort((x, y) => y.length - x.length).map(escapeRegExp) : [];
    // A name as a whole word, with the `$` / `#` of cashtags and hashtags.
    this.namePattern = names.length > 0 ? new RegExp(`(?<![\\p{L}\\p{N}_])[$#]?(?:${names.join('|')})(?![\\p{L}\\p{N}_])`, 'giu') : null;
  }

  get active(): boolean {
    return this.anonymization !== null;
  }

  /** The symbol as the prompt shows it. */
  symbol(symbol: string): string {
    return this.anonymization ? this.anonymization.placeholder : symbol;
  }

  /** An instant's day `YYYY-MM-DD` as shown. */
  day(time: number): string {
    return isoDay(this.shift(time));
  }

  /** An instant as `YYYY-MM-DD HH:MM UTC` as shown. */
  minute(time: number): string {
    return `${new Date(this.shift(time)).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  }

  /** A price as shown. */
  price(x: number): number {
    return this.anonymization ? x * this.anonymization.priceScale : x;
  }

  /** Free text (news, filings) as shown: names replaced, ISO dates and years moved, `$` prices rescaled. */
  text(s: string): string {
    const a = this.anonymization;
    if (!a) return s;
    let out = this.namePattern ? s.replace(this.namePattern, a.placeholder) : s;
    // One pass, so a moved date is not moved again as a year.
    out = out.replace(DATE_OR_YEAR, (m, day: string | undefined) => (day ? shiftIsoDay(day, a.dayOffset) : String(Number(m) + this.yearShift)));
    out = out.replace(/\$\s?(\d[\d,]*(?:\.\d+)?)/g, (_m, n: string) => `$${formatPrice(Number(n.replace(/,/g, '')) * a.priceScale)}`);
    return out;
  }

  /** A model's text in real terms: the placeholder back to the symbol, shown ISO dates back to real ones. */
  reveal(s: string, symbol: string): string {
    const a = this.anonymization;
    if (!a) return s;
    return s.replace(new RegExp(`\\b${escapeRegExp(a.placeholder)}\\b`, 'g'), symbol).replace(/\b(\d{4})-(\d{2})-(\d{2})\b/g, (m) => shiftIsoDay(m, -a.dayOffset));
  }

  private shift(time: number): number {
    return this.anonymization ? time + this.anonymization.dayOffset * DAY_MS : time;
  }
}

/** An ISO day, or a year from 1950 to 2049 standing alone. */
const DATE_OR_YEAR = /\b(\d{4}-\d{2}-\d{2})\b|(?<![\d.,])(?:19[5-9]\d|20[0-4]\d)(?!\d)/g;

/** No anonymization: prompts show real names, dates and prices. */
export const PLAIN = new Anonymizer(null);

function shiftIsoDay(day: string, days: number): string {
  const t = Date.parse(`${day}T00:00:00Z`);
  return Number.isNaN(t) ? day : isoDay(t + days * DAY_MS);
}

function formatPrice(x: number): string {
  return x >= 100 ? x.toFixed(0) : x.toFixed(2);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
