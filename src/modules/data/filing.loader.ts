import { FILING_FILE, readTextFile } from './text-file.reader';
import type { FilingPassage } from '../../core/market/fundamentals';
import { DataValidationError } from './data-validation.error';
import { assertTimeZone, DEFAULT_NEWS_TIME_ZONE, parseNewsTime } from './news-time.parser';
import type { DataProblem } from './price-row';
import { normaliseSymbol } from './symbol-name';

/**
 * Reads filing passages (input of the financial-report agent) from one of two formats:
 *
 * - JSON Lines, one passage a line: `{"symbol", "publishedAt", "document", "text"[, "id"]}`;
 * - plain text: a header line `# <SYMBOL> | <document> | <publishedAt>` starts a document and
 *   the paragraphs below it (separated by blank lines, lines joined by a space) are its
 *   passages; a file may hold several documents.
 *
 * `publishedAt` is ISO-8601 (with an offset, or wall-clock time in `timeZone`, default
 * America/New_York; a date alone means the end of that day) or epoch ms / seconds. A passage
 * without an id gets `<SYMBOL> <document> #<n>` (n counts that document's passages from 1).
 * Any bad line refuses the file with every problem as `file:line: reason`. Passages come out by
 * publication time, then in file order.
 */
export function loadFiling(path: string, options: { timeZone?: string } = {}): FilingPassage[] {
  return parseFilingText(readTextFile(path, FILING_FILE).toString('utf8'), { file: path, timeZone: options.timeZone });
}

/** {@link loadFiling} on text already read. */
export function parseFilingText(text: string, options: { file: string; timeZone?: string }): FilingPassage[] {
  const timeZone = options.timeZone ?? DEFAULT_NEWS_TIME_ZONE;
  assertTimeZone(timeZone);
  const reader = new PassageReader(options.file, timeZone);
  const lines = (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).split(/\r?\n/);
  if (lines.find((l) => l.trim() !== '')?.trim().startsWith('{')) readJsonLines(lines, reader);
  else readPlainText(lines, reader);
  if (reader.problems.length > 0) throw new DataValidationError(options.file, reader.problems);
  if (reader.passages.length === 0) throw new Error(`${options.file}: no filing passages`);
  return reader.passages.map((p, order) => ({ p, order })).sort((a, b) => a.p.publishedAt - b.p.publishedAt || a.order - b.order).map(({ p }) => p);
}

function readJsonLines(lines: readonly string[], reader: PassageReader): void {
  lines.forEach((raw, i) => {
    if (raw.trim() === '') return;
    let o: Record<string, unknown>;
    try {
      o = JSON.parse(raw);
    } catch {
      return reader.bad(i + 1, 'not valid JSON');
    }
    const str = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined);
    reader.add(i + 1, { symbol: str(o.symbol), publishedAt: str(o.publishedAt), document: str(o.document), text: str(o.text), id: str(o.id) });
  });
}

function readPlainText(lines: readonly string[], reader: PassageReader): void {
  let header: { symbol?: string; publishedAt?: string; document?: string } | undefined;
  let paragraph: string[] = [];
  let paragraphLine = 0;
  const flush = () => {
    if (paragraph.length > 0 && header !== undefined) reader.add(paragraphLine, { ...header, text: paragraph.join(' ') });
    paragraph = [];
  };
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (line.startsWith('#')) {
      flush();
      const parts = line.slice(1).split('|').map((s) => s.trim());
      if (parts.length !== 3) {
        header = undefined;
        return reader.bad(i + 1, 'header must be "# <SYMBOL> | <document> | <publishedAt>"');
      }
      header = { symbol: parts[0], document: parts[1], publishedAt: parts[2] };
      if (!reader.checkHeader(i + 1, header)) header = undefined;
      return;
    }
    if (line === '') return flush();
    if (header === undefined) return reader.headerless(i + 1);
    if (paragraph.length === 0) paragraphLine = i + 1;
    paragraph.push(line);
  });
  flush();
}

interface RawPassage {
  symbol?: string;
  publishedAt?: string;
  document?: string;
  text?: string;
  id?: string;
}

class PassageReader {
  readonly problems: DataProblem[] = [];
  readonly passages: FilingPassage[] = [];
  private readonly counts = new Map<string, number>();
  private readonly ids = new Set<string>();
  private sawHeader = false;

  constructor(
    private readonly file: string,
    private readonly timeZone: string,
  ) {}

  bad(line: number, reason: string): void {
    this.problems.push({ file: this.file, line, reason });
  }

  /** A text line outside a valid document: reported once when it comes before any header (after a bad header, that header was reported). */
  headerless(line: number): void {
    if (!this.sawHeader) this.bad(line, 'text before the first "# <SYMBOL> | <document> | <publishedAt>" header');
    this.sawHeader = true;
  }

  checkHeader(line: number, raw: RawPassage): boolean {
    this.sawHeader = true;
    const reasons = this.fieldReasons(raw);
    if (reasons.length > 0) this.bad(line, reasons.join('; '));
    return reasons.length === 0;
  }

  add(line: number, raw: RawPassage): void {
    const reasons = this.fieldReasons(raw);
    const text = raw.text?.replace(/\s+/g, ' ').trim() ?? '';
    if (text === '') reasons.push('empty text');
    const symbol = normaliseSymbol(raw.symbol ?? '') as string;
    const document = raw.document?.trim() ?? '';
    const key = `${symbol} ${document}`;
    const n = (this.counts.get(key) ?? 0) + 1;
    const id = raw.id?.trim() || `${key} #${n}`;
    if (this.ids.has(id)) reasons.push(`duplicate id "${id}"`);
    if (reasons.length > 0) return this.bad(line, reasons.join('; '));
    this.counts.set(key, n);
    this.ids.add(id);
    this.passages.push({ id, symbol, publishedAt: parseNewsTime(raw.publishedAt as string, this.timeZone) as number, document, text });
  }

  private fieldReasons(raw: RawPassage): string[] {
    const reasons: string[] = [];
    if (normaliseSymbol(raw.symbol ?? '') === null) reasons.push(raw.symbol ? `invalid symbol "${raw.symbol}"` : 'empty symbol');
    if (!raw.document?.trim()) reasons.push('empty document');
    if (!raw.publishedAt?.trim()) reasons.push('empty publishedAt');
    else if (parseNewsTime(raw.publishedAt, this.timeZone) === null) reasons.push(`bad publishedAt "${raw.publishedAt}"`);
    return reasons;
  }
}
