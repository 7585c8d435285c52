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

/**
 * The Financial PhraseBank sentences beyond AllAgree (in 50Agree but not in AllAgree), split by
 * their position in the 50Agree file: even positions were read while extending the lexicon,
 * odd positions never were. The held-out half is the scorer's out-of-sample check on news-style
 * sentences (AllAgree itself is in-sample: the lexicon was tuned on it).
 */
export function phraseBankBeyondAllAgree(sharedData: string): { tuning: LabelledText[]; heldOut: LabelledText[] } {
  const allAgree = new Set(readPhraseBank(fpbPath(sharedData, 'AllAgree')).map((s) => s.text));
  const beyond = readPhraseBank(fpbPath(sharedData, '50Agree')).filter((s) => !allAgree.has(s.text));
  return { tuning: beyond.filter((_, i) => i % 2 === 0), heldOut: beyond.filter((_, i) => i % 2 === 1) };
}

/** How a scorer's sign does on the clearly polar texts of a set (positive / bullish vs negative / bearish). */
export interface PolarSign {
  polar: number;
  /** Share whose score has the label's sign. */
  right: number;
  /** Share scored exactly 0 (no sentiment term found). */
  zero: number;
  /** Share right among those not scored 0. */
  rightWhenAnswered: number;
}

export function polarSign(set: readonly LabelledText[], score: (text: string) => number): PolarSign {
  let polar = 0;
  let right = 0;
  let zero = 0;
  for (const s of set) {
    const want = s.label === 'positive' || s.label === 'bullish' ? 1 : s.label === 'negative' || s.label === 'bearish' ? -1 : 0;
    if (want === 0) continue;
    polar++;
    const v = score(s.text);
    if (v === 0) zero++;
    else if (Math.sign(v) === want) right++;
  }
  return { polar, right: right / polar, zero: zero / polar, rightWhenAnswered: right / (polar - zero) };
}
