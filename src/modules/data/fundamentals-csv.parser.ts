import type { EarningsRecord, ReleaseTime } from '../../core/market/fundamentals';
import { isoDay } from '../../core/market/dates';
import { zonedInstant } from '../../core/market/session-clock';
import { forEachCsvRecord } from './csv-records.parser';
import { DataValidationError } from './data-validation.error';
import { quoted } from './text-file.reader';
import { fullYear, inferQuarter, parseQuarterLabel, QUARTER_LABEL_FORMS, quarterPhase } from './fundamentals-quarter.parser';
import { calendarDay } from './news-time.parser';
import type { BadRowPolicy, DataProblem } from './price-row';
import { normaliseSymbol } from './symbol-name';

/** An earnings record as stored: the core's record plus the file's own quarter label. */
export interface StoredEarningsRecord extends EarningsRecord {
  /** The `qtr` text of the source file (e.g. `17-Jun`, `Q2`, `NULL`). */
  quarterLabel: string;
  /** True when the label named no month and `quarter` was inferred from the announcement day. */
  quarterInferred: boolean;
}

/**
 * Local wall-clock times (exchange zone) at which a release becomes public: pre-market releases
 * are known before the 09:30 open, post-market ones after the 16:00 close (so they first count at
 * the next session), unknown ones at the end of the day (conservative).
 */
export const RELEASE_WALL_CLOCK: Record<ReleaseTime, string> = { 'pre-market': '08:00', 'post-market': '16:30', unknown: '23:59' };

/** Options of {@link parseEarningsCsv}. */
export interface EarningsCsvOptions {
  file: string;
  /** Keep only this symbol (other rows are not validated). */
  symbol?: string;
  onBadRow?: BadRowPolicy;
  /** Exchange time zone of the release times (default America/New_York). */
  timeZone?: string;
}

/** Validated earnings per symbol, each ascending by announcement day. */
export interface ParsedEarningsCsv {
  file: string;
  symbols: Map<string, StoredEarningsRecord[]>;
  records: number;
  /** Records whose quarter was inferred (label `Q2`, `NULL`, empty). */
  inferredQuarters: number;
  skippedRows: number;
  problems: DataProblem[];
}

const COLUMNS = { symbol: ['symbol', 'ticker'], date: ['date'], quarter: ['qtr', 'quarter'], estimate: ['eps_est'], actual: ['eps'], release: ['release_time'] } as const;
const NUMBER = /^-?(\d+(\.\d*)?|\.\d+)$/;
const RELEASES: Record<string, ReleaseTime> = { pre: 'pre-market', 'pre-market': 'pre-market', premarket: 'pre-market', bmo: 'pre-market', post: 'post-market', 'post-market': 'post-market', postmarket: 'post-market', amc: 'post-market', '': 'unknown', unknown: 'unknown', null: 'unknown', '-': 'unknown', 'n/a': 'unknown' };

/**
 * Parses the quarterly EPS layout `symbol,date,qtr,eps_est,eps,release_time[,surp]` (any column
 * order; `surp` is derived and ignored). `date` is `M/D/YY`, `M/D/YYYY` or `YYYY-MM-DD`; the
 * quarter label is read by {@link parseQuarterLabel} and, when it names no month, inferred from
 * the announcement day and the company's other quarters. A slash in a symbol becomes a dot
 * (`JW/A` → `JW.A`). Bad rows: wrong field count, bad symbol, date, quarter, number or release
 * time, and a second announcement of one symbol on one day. The same quarter announced on two
 * days is kept twice: the later record supersedes the earlier from its publication on.
 */
export function parseEarningsCsv(text: string, options: EarningsCsvOptions): ParsedEarningsCsv {
  const { file } = options;
  const timeZone = options.timeZone ?? 'America/New_York';
  const wanted = options.symbol === undefined ? undefined : earningsSymbol(options.symbol);
  if (wanted === null) throw new Error(`${file}: "${options.symbol}" is not a usable symbol`);
  const problems: DataProblem[] = [];
  const rows = new Map<string, Array<StoredEarningsRecord & { line: number }>>();
  let index: Record<keyof typeof COLUMNS, number> | undefined;
  let fieldCount = 0;
  let records = 0;

  forEachCsvRecord(text, (fields, line, syntaxError) => {
    if (index === undefined) {
      index = headerIndex(fields, file);
      fieldCount = fields.length;
      return;
    }
    const symbol = fields.length > index.symbol ? earningsSymbol(fields[index.symbol]) : null;
    if (wanted !== undefined && symbol !== wanted) return;
    records++;
    const bad = (reason: string): void => void problems.push({ file, line, reason });
    if (syntaxError !== undefined) return bad(syntaxError);
    if (fields.length !== fieldCount) return bad(`expected ${fieldCount} fields, found ${fields.length}`);
    const reasons: string[] = [];
    if (symbol === null) reasons.push(`invalid symbol "${fields[index.symbol]}"`);
    const day = parseAnnounceDay(fields[index.date]);
    if (day === null) reasons.push(`bad date "${fields[index.date]}"`);
    const label = parseQuarterLabel(fields[index.quarter]);
    if (label === null) reasons.push(`unrecognised quarter "${fields[index.quarter]}" (accepted: ${QUARTER_LABEL_FORMS})`);
    const estimate = readNumber(fields[index.estimate], 'eps_est', reasons);
    const actual = readNumber(fields[index.actual], 'eps', reasons);
    const releaseText = index.release === -1 ? '' : fields[index.release].trim().toLowerCase();
    const releaseTime = RELEASES[releaseText];
    if (releaseTime === undefined) reasons.push(`unrecognised release_time "${fields[index.release]}"`);
    if (reasons.length > 0) return bad(reasons.join('; '));
    let list = rows.get(symbol as string);
    if (list === undefined) rows.set(symbol as string, (list = []));
    const twin = list.find((r) => r.announceDay === day);
    if (twin !== undefined) return bad(`second announcement of ${symbol} on ${isoDay(day as number)} (first on line ${twin.line})`);
    list.push({
      symbol: symbol as string,
      announceDay: day as number,
      releaseTime,
      quarter: label === 'infer' ? '' : (label as { quarter: string }).quarter,
      epsEstimate: estimate,
      epsActual: actual,
      publishedAt: zonedInstant(day as number, RELEASE_WALL_CLOCK[releaseTime], timeZone),
      quarterLabel: fields[index.quarter].trim(),
      quarterInferred: label === 'infer',
      line,
    });
  });

  if (index === undefined) throw new Error(`${file}: the file is empty`);
  problems.sort((a, b) => a.line - b.line);
  if (problems.length > 0 && (options.onBadRow ?? 'error') === 'error') throw new DataValidationError(file, problems);
  if (wanted !== undefined && records === 0) throw new Error(`${file}: no earnings for symbol ${wanted}`);
  const { symbols, inferredQuarters } = finish(rows);
  if (symbols.size === 0) throw new Error(`${file}: no valid earnings rows`);
  return { file, symbols, records, inferredQuarters, skippedRows: problems.length, problems };
}

/** A ticker with `/` read as `.` (share classes), upper-cased; null when unusable. */
export function earningsSymbol(text: string): string | null {
  return normaliseSymbol(text.replace(/\//g, '.'));
}

/** `M/D/YY`, `M/D/YYYY` or `YYYY-MM-DD` to epoch ms at 00:00 UTC, or null. */
export function parseAnnounceDay(text: string): number | null {
  const value = text.trim();
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})$/.exec(value);
  if (us) return calendarDay(us[3].length === 2 ? fullYear(Number(us[3])) : Number(us[3]), Number(us[1]), Number(us[2]));
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  return iso ? calendarDay(Number(iso[1]), Number(iso[2]), Number(iso[3])) : null;
}

function headerIndex(header: readonly string[], file: string): Record<keyof typeof COLUMNS, number> {
  const names = header.map((h) => h.trim().toLowerCase());
  const index = {} as Record<keyof typeof COLUMNS, number>;
  for (const key of Object.keys(COLUMNS) as Array<keyof typeof COLUMNS>) {
    index[key] = COLUMNS[key].map((n) => names.indexOf(n)).find((i) => i !== -1) ?? -1;
    if (index[key] === -1 && key !== 'release') {
      throw new Error(`${file}: unrecognised earnings header "${quoted(header.join(','))}" (need symbol,date,qtr,eps_est,eps[,release_time])`);
    }
  }
  return index;
}

function readNumber(text: string, name: string, reasons: string[]): number {
  const value = text.trim();
  if (value === '') reasons.push(`empty ${name}`);
  else if (!NUMBER.test(value)) reasons.push(`non-numeric ${name} "${value}"`);
  return Number(value);
}

/** Sorts each symbol's records by announcement day and infers the quarters the file left open. */
function finish(rows: Map<string, Array<StoredEarningsRecord & { line: number }>>): { symbols: Map<string, StoredEarningsRecord[]>; inferredQuarters: number } {
  const symbols = new Map<string, StoredEarningsRecord[]>();
  let inferredQuarters = 0;
  for (const [symbol, list] of rows) {
    list.sort((a, b) => a.announceDay - b.announceDay);
    const phase = quarterPhase(list.filter((r) => !r.quarterInferred).map((r) => r.quarter));
    symbols.set(
      symbol,
      list.map(({ line: _line, ...record }) => {
        if (!record.quarterInferred) return record;
        inferredQuarters++;
        return { ...record, quarter: inferQuarter(record.announceDay, phase) };
      }),
    );
  }
  return { symbols, inferredQuarters };
}
