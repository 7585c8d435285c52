import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';

/** One labelled text. */
export interface LabelledText {
  text: string;
  label: string;
}

/** A StockEmotions tweet with its ticker and day. */
export interface DatedTweet extends LabelledText {
  id: string;
  date: string;
  ticker: string;
}

/** Financial PhraseBank files by agreement level. */
export const FPB_FILES = {
  AllAgree: 'Sentences_AllAgree.txt',
  '75Agree': 'Sentences_75Agree.txt',
  '66Agree': 'Sentences_66Agree.txt',
  '50Agree': 'Sentences_50Agree.txt',
} as const;
export type FpbLevel = keyof typeof FPB_FILES;

/** Where the Financial PhraseBank lives under a shared-data directory. */
export function fpbPath(sharedData: string, level: FpbLevel): string {
  return join(sharedData, 'sentiment', 'FinancialPhraseBank-v1.0', FPB_FILES[level]);
}

/**
 * Reads a Financial PhraseBank file: ISO-8859-1, one `sentence@label` per line (the label
 * follows the last `@`), labels positive / neutral / negative.
 */
export function readPhraseBank(path: string): LabelledText[] {
  const out: LabelledText[] = [];
  for (const line of readFileSync(path, 'latin1').split(/\r?\n/)) {
    const at = line.lastIndexOf('@');
    if (at < 0) continue;
    out.push({ text: line.slice(0, at).trim(), label: line.slice(at + 1).trim() });
  }
  return out;
}

/** Where a StockEmotions split lives under a shared-data directory. */
export function stockEmotionsPath(sharedData: string, split: 'train' | 'val' | 'test'): string {
  return join(sharedData, 'news', 'stockemotions_2020', 'tweet', `${split}_stockemo.csv`);
}

/**
 * Reads a StockEmotions split (a real CSV: quoted fields contain newlines): each tweet's id,
 * date, ticker, original text (with cashtags and emoji) and bullish / bearish label.
 */
export function readStockEmotions(path: string): DatedTweet[] {
  const rows = parse(readFileSync(path, 'utf8'), { columns: true, skip_empty_lines: true }) as Array<Record<string, string>>;
  return rows.map((r) => ({ id: r.id, date: r.date, ticker: r.ticker, text: r.original, label: r.senti_label }));
}

/** Whether a data file is present (the shared data is absent from a user's clone). */
export function hasFile(path: string): boolean {
  return existsSync(path);
}
