import { createHash } from 'node:crypto';
import { byTimeThenId } from '../../core/market/news';
import { forEachCsvRecord } from './csv-records.parser';
import { DataValidationError } from './data-validation.error';
import { detectNewsCsvLayout, isStockNetRecord, NewsCsvLayout, NewsLayoutName, RawNewsFields, readGenericJsonRecord, readStockNetRecord, StoredNewsItem } from './news-layout';
import { assertTimeZone, DEFAULT_NEWS_TIME_ZONE, parseNewsTime } from './news-time.parser';
import type { BadRowPolicy, DataProblem } from './price-row';
import { normaliseSymbol } from './symbol-name';

/** Options of {@link parseNewsText}. */
export interface NewsFileOptions {
  /** How the file is named in problems (`<file>:<line>: <reason>`). */
  file: string;
  /** The symbol of a file without a symbol field; with one, keep only this symbol. */
  symbol?: string;
  /** The symbol of a file without a symbol field when `symbol` is not given (e.g. from its name). */
  fallbackSymbol?: string;
  /** 'error' (default) throws a {@link DataValidationError} listing every problem; 'skip' drops bad rows. */
  onBadRow?: BadRowPolicy;
  /** IANA zone of timestamps without an offset (default America/New_York). */
  timeZone?: string;
}

/** Validated items of a news file, per symbol, sorted by time (ties by id), frozen (lists and items). */
export interface ParsedNewsFile {
  file: string;
  layout: NewsLayoutName;
  symbols: Map<string, StoredNewsItem[]>;
  /** Data records read (with a symbol filter: that symbol's records). */
  records: number;
  /** Records dropped under `onBadRow: 'skip'` (equals `problems.length`). */
  skippedRows: number;
  problems: DataProblem[];
}

/**
 * Parses and validates a news file: JSON Lines (StockNet tweets or generic records) when its
 * first character is `{`, otherwise CSV (StockEmotions or generic, RFC 4180 quoting, fields may
 * span lines). Every record needs a valid timestamp, symbol and non-empty headline; explicit
 * ids must be unique. Items without an id get `<prefix>-<16 hex of SHA-256 of their content>`,
 * and exact repeats a `-2`, `-3` … suffix in file order, so ids are unique and deterministic.
 */
export function parseNewsText(text: string, options: NewsFileOptions): ParsedNewsFile {
  const { file } = options;
  const timeZone = options.timeZone ?? DEFAULT_NEWS_TIME_ZONE;
  assertTimeZone(timeZone);
  const wanted = options.symbol === undefined ? undefined : requireSymbol(options.symbol, file);
  const collector = new NewsCollector(file, timeZone, wanted, options.fallbackSymbol);
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const layout = body.trimStart().startsWith('{') ? readJsonLines(body, collector) : readCsv(body, file, collector);

  const { problems, records } = collector;
  problems.sort((a, b) => a.line - b.line);
  if (problems.length > 0 && (options.onBadRow ?? 'error') === 'error') throw new DataValidationError(file, problems);
  if (wanted !== undefined && records === 0) throw new Error(`${file}: no news for symbol ${wanted}`);
  const symbols = collector.bySymbol;
  if (symbols.size === 0) throw new Error(`${file}: no valid news items`);
  for (const [symbol, items] of symbols) symbols.set(symbol, Object.freeze(items.sort(byTimeThenId)) as StoredNewsItem[]);
  return { file, layout, symbols, records, skippedRows: problems.length, problems };
}

function readJsonLines(text: string, collector: NewsCollector): NewsLayoutName {
  let layout: NewsLayoutName | undefined;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === '') continue;
    let record: unknown;
    try {
      record = JSON.parse(line);
    } catch {
      collector.bad(i + 1, 'not valid JSON');
      continue;
    }
    if (record === null || typeof record !== 'object' || Array.isArray(record)) {
      collector.bad(i + 1, 'not a JSON object');
      continue;
    }
    const obj = record as Record<string, unknown>;
    layout ??= isStockNetRecord(obj) ? 'stocknet' : 'generic-jsonl';
    const fields = layout === 'stocknet' ? readStockNetRecord(obj) : readGenericJsonRecord(obj);
    collector.accept(i + 1, fields, layout === 'stocknet' ? 'stocknet' : 'news', true);
  }
  return layout ?? 'generic-jsonl';
}

function readCsv(text: string, file: string, collector: NewsCollector): NewsLayoutName {
  let layout: NewsCsvLayout | undefined;
  forEachCsvRecord(text, (fields, line, syntaxError) => {
    if (layout === undefined) {
      layout = detectNewsCsvLayout(fields, file);
      return;
    }
    if (syntaxError !== undefined) return collector.bad(line, syntaxError);
    if (fields.length !== layout.fieldCount) return collector.bad(line, `expected ${layout.fieldCount} fields, found ${fields.length}`);
    collector.accept(line, layout.read(fields), 'news', layout.hasSymbol);
  });
  if (layout === undefined) throw new Error(`${file}: the file is empty`);
  return layout.name;
}

/** Validates records one by one and groups the good ones by symbol. */
class NewsCollector {
  readonly problems: DataProblem[] = [];
  readonly bySymbol = new Map<string, StoredNewsItem[]>();
  records = 0;
  private readonly idLines = new Map<string, number>();
  private readonly hashCounts = new Map<string, number>();

  constructor(
    private readonly file: string,
    private readonly timeZone: string,
    private readonly wanted: string | undefined,
    private readonly fallbackSymbol: string | undefined,
  ) {}

  bad(line: number, reason: string): void {
    this.records++;
    this.problems.push({ file: this.file, line, reason });
  }

  accept(line: number, raw: RawNewsFields, idPrefix: string, hasSymbolField: boolean): void {
    const symbol = this.symbolOf(raw, hasSymbolField);
    if (symbol === undefined) return; // another symbol, filtered out
    this.records++;
    const reasons = [...(raw.reasons ?? [])];
    const time = raw.time === undefined || raw.time.trim() === '' ? null : parseNewsTime(raw.time, this.timeZone);
    if (time === null) reasons.push(raw.time === undefined || raw.time.trim() === '' ? 'empty timestamp' : `bad timestamp "${raw.time.trim()}"`);
    if (symbol === '') reasons.push(raw.symbol === undefined || raw.symbol.trim() === '' ? 'empty symbol' : `invalid symbol "${raw.symbol}"`);
    const headline = raw.headline?.replace(/\s+/g, ' ').trim() ?? '';
    if (headline === '' && raw.headline !== undefined) reasons.push('empty headline');
    if (raw.headline === undefined && !raw.reasons?.length) reasons.push('no headline');
    if (raw.id !== undefined) {
      const first = this.idLines.get(raw.id);
      if (first !== undefined) reasons.push(`duplicate id "${raw.id}" (first on line ${first})`);
    }
    if (reasons.length > 0) return void this.problems.push({ file: this.file, line, reason: reasons.join('; ') });
    if (raw.id !== undefined) this.idLines.set(raw.id, line);
    const item: StoredNewsItem = { id: raw.id ?? this.contentId(idPrefix, symbol, time as number, headline, raw), time: time as number, symbol, headline };
    if (raw.body !== undefined) item.body = raw.body;
    if (raw.source !== undefined) item.source = raw.source;
    if (raw.url !== undefined) item.url = raw.url;
    if (raw.labels !== undefined) item.labels = raw.labels;
    let list = this.bySymbol.get(symbol);
    if (list === undefined) this.bySymbol.set(symbol, (list = []));
    list.push(Object.freeze(item));
  }

  /** The row's symbol; '' when missing or invalid; undefined when the row belongs to a symbol not wanted. */
  private symbolOf(raw: RawNewsFields, hasSymbolField: boolean): string | undefined {
    if (!hasSymbolField || raw.symbol === undefined) {
      const given = this.wanted ?? (this.fallbackSymbol === undefined ? undefined : (normaliseSymbol(this.fallbackSymbol) ?? undefined));
      if (given !== undefined) return given;
      if (!hasSymbolField) throw new Error(`${this.file}: the file has no symbol field and no symbol was given (use --symbol)`);
      return '';
    }
    const symbol = normaliseSymbol(raw.symbol) ?? '';
    if (this.wanted !== undefined && symbol !== this.wanted) return undefined;
    return symbol;
  }

  private contentId(prefix: string, symbol: string, time: number, headline: string, raw: RawNewsFields): string {
    const content = [symbol, String(time), headline, raw.body ?? '', raw.source ?? '', raw.url ?? '', raw.hashSalt ?? ''].join('\u001f');
    const base = `${prefix}-${createHash('sha256').update(content).digest('hex').slice(0, 16)}`;
    const seen = (this.hashCounts.get(base) ?? 0) + 1;
    this.hashCounts.set(base, seen);
    return seen === 1 ? base : `${base}-${seen}`;
  }
}

function requireSymbol(text: string, file: string): string {
  const symbol = normaliseSymbol(text);
  if (symbol === null) throw new Error(`${file}: "${text}" is not a usable symbol`);
  return symbol;
}
