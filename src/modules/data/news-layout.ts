import type { NewsItem } from '../../core/market/news';
import { quoted } from './text-file.reader';

/** Recognised layouts of news files. */
export type NewsLayoutName = 'generic-csv' | 'generic-jsonl' | 'stocknet' | 'stockemotions';

/** A stored news item: the core's {@link NewsItem} plus labels a dataset ships with (e.g. StockEmotions' author sentiment). */
export interface StoredNewsItem extends NewsItem {
  labels?: Record<string, string>;
}

/** The fields of one record, before validation. Absent optional fields are undefined. */
export interface RawNewsFields {
  time?: string;
  symbol?: string;
  headline?: string;
  body?: string;
  source?: string;
  url?: string;
  /** Explicit id from the file; when absent the importer assigns a content hash. */
  id?: string;
  /** Extra text that distinguishes otherwise identical items in the content hash (e.g. the author). */
  hashSalt?: string;
  labels?: Record<string, string>;
  /** Problems found while reading the fields (e.g. tokens that are not strings). */
  reasons?: string[];
}

/** Column names accepted for each generic field (case-insensitive). */
export const GENERIC_COLUMNS = {
  time: ['timestamp', 'time', 'datetime', 'published_at', 'publishedat', 'date'],
  symbol: ['symbol', 'ticker'],
  headline: ['headline', 'title'],
  body: ['body', 'summary', 'content'],
  source: ['source'],
  url: ['url', 'link'],
  id: ['id'],
} as const;

type GenericField = keyof typeof GENERIC_COLUMNS;

const STOCKEMOTIONS = ['id', 'date', 'ticker', 'emo_label', 'senti_label', 'original'];

/** A CSV layout: its name, whether rows carry a symbol, and how to read a row's fields. */
export interface NewsCsvLayout {
  name: 'generic-csv' | 'stockemotions';
  fieldCount: number;
  hasSymbol: boolean;
  read(fields: readonly string[]): RawNewsFields;
}

/** Detects a news CSV layout from its header; throws when the header is not one. */
export function detectNewsCsvLayout(header: readonly string[], file: string): NewsCsvLayout {
  const names = header.map((h) => h.trim().toLowerCase());
  const at = (name: string) => names.indexOf(name);
  if (STOCKEMOTIONS.every((name) => at(name) !== -1)) {
    const [id, date, ticker, emotion, sentiment, original] = STOCKEMOTIONS.map(at);
    return {
      name: 'stockemotions',
      fieldCount: names.length,
      hasSymbol: true,
      read: (f) => ({
        id: f[id].trim() === '' ? undefined : `stockemotions-${f[id].trim()}`,
        reasons: f[id].trim() === '' ? ['empty id'] : undefined,
        time: f[date],
        symbol: f[ticker],
        headline: f[original],
        source: 'stocktwits',
        labels: { emotion: f[emotion].trim(), sentiment: f[sentiment].trim() },
      }),
    };
  }
  const index = {} as Record<GenericField, number>;
  for (const field of Object.keys(GENERIC_COLUMNS) as GenericField[]) {
    index[field] = GENERIC_COLUMNS[field].map(at).find((i) => i !== -1) ?? -1;
  }
  if (index.time === -1 || index.headline === -1) {
    throw new Error(`${file}: unrecognised news header "${quoted(header.join(','))}" (need timestamp and headline columns, e.g. timestamp,symbol,headline[,body,source,url])`);
  }
  const optional = (f: readonly string[], i: number) => (i === -1 || f[i].trim() === '' ? undefined : f[i].trim());
  return {
    name: 'generic-csv',
    fieldCount: names.length,
    hasSymbol: index.symbol !== -1,
    read: (f) => ({
      time: f[index.time],
      symbol: index.symbol === -1 ? undefined : f[index.symbol],
      headline: f[index.headline],
      body: optional(f, index.body),
      source: optional(f, index.source),
      url: optional(f, index.url),
      id: optional(f, index.id),
    }),
  };
}

/** True when a JSON record is a StockNet tweet (`created_at` and `text_tokens`). */
export function isStockNetRecord(record: Record<string, unknown>): boolean {
  return 'created_at' in record && 'text_tokens' in record;
}

/**
 * Reads a StockNet tweet: `created_at` (UTC, Twitter format) is the publication instant, not
 * `file_date` (about 7% of tweets carry a `created_at` a day earlier). The headline is the
 * lower-cased tokens joined by spaces, with StockNet's split cashtags (`$`, `aapl`) joined back
 * into `$aapl` so the ticker is recognised. StockNet has no tweet id, so the id is a content
 * hash salted with the author's id.
 */
export function readStockNetRecord(record: Record<string, unknown>): RawNewsFields {
  const tokens = record.text_tokens;
  const reasons: string[] = [];
  let headline: string | undefined;
  if (Array.isArray(tokens) && tokens.every((t) => typeof t === 'string')) headline = tokens.join(' ').replace(/\$ (?=[a-z][a-z.]*\b)/g, '$');
  else reasons.push('text_tokens is not a list of strings');
  return {
    time: stringOf(record.created_at),
    symbol: stringOf(record.ticker),
    headline,
    source: 'twitter',
    hashSalt: `${stringOf(record.user_id_str) ?? ''}\u001f${stringOf(record.created_at) ?? ''}`,
    reasons,
  };
}

/** Reads a generic JSON record by the same field names as the generic CSV layout. */
export function readGenericJsonRecord(record: Record<string, unknown>): RawNewsFields {
  const keys = new Map(Object.keys(record).map((k) => [k.toLowerCase(), k]));
  const get = (field: GenericField): string | undefined => {
    for (const name of GENERIC_COLUMNS[field]) {
      const key = keys.get(name);
      if (key !== undefined) return stringOf(record[key]);
    }
    return undefined;
  };
  const optional = (field: GenericField) => {
    const v = get(field)?.trim();
    return v === '' ? undefined : v;
  };
  return { time: get('time'), symbol: get('symbol'), headline: get('headline'), body: optional('body'), source: optional('source'), url: optional('url'), id: optional('id') };
}

function stringOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}
