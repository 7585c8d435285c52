import type { PriceLayoutName } from './price-row';
import { quoted } from './text-file.reader';

/** Column positions of a recognised price CSV header (-1 when a column is absent). */
export interface PriceLayout {
  name: PriceLayoutName;
  /** True when rows run from newest to oldest (the Alpha Vantage export). */
  descending: boolean;
  fieldCount: number;
  date: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
  adjClose: number;
  splitCoefficient: number;
  symbol: number;
  /** Header names as written in the file, for messages. */
  headers: string[];
}

const ALIASES = {
  date: ['date', 'timestamp'],
  open: ['open'],
  high: ['high'],
  low: ['low'],
  close: ['close'],
  volume: ['volume'],
  adjClose: ['adj close', 'adj_close', 'adjclose', 'adjusted_close'],
  splitCoefficient: ['split_coefficient'],
  symbol: ['name', 'symbol', 'ticker'],
} as const;

const REQUIRED = ['date', 'open', 'high', 'low', 'close', 'volume'] as const;
const YAHOO = 'date,open,high,low,close,adj close,volume';
const ALPHA_VANTAGE = 'timestamp,open,high,low,close,adjusted_close,volume,dividend_amount,split_coefficient';

/** The header layouts this loader understands, for error messages and docs. */
export const SUPPORTED_LAYOUTS = [
  `yahoo: Date,Open,High,Low,Close,Adj Close,Volume`,
  `alphavantage: ${ALPHA_VANTAGE} (newest first)`,
  'generic: date,open,high,low,close[,adj_close|adjclose],volume[,split_coefficient]',
  'long: generic columns plus a Name, symbol or ticker column',
];

/**
 * Recognises a price CSV header (case-insensitive, any column order for the generic and long
 * layouts) or throws an error naming the missing columns and the supported layouts.
 */
export function detectPriceLayout(header: readonly string[], file: string): PriceLayout {
  const names = header.map((h) => h.trim().toLowerCase());
  const find = (aliases: readonly string[]): number => names.findIndex((n) => aliases.includes(n));
  const positions = {
    date: find(ALIASES.date),
    open: find(ALIASES.open),
    high: find(ALIASES.high),
    low: find(ALIASES.low),
    close: find(ALIASES.close),
    volume: find(ALIASES.volume),
    adjClose: find(ALIASES.adjClose),
    splitCoefficient: find(ALIASES.splitCoefficient),
    symbol: find(ALIASES.symbol),
  };
  const missing = REQUIRED.filter((column) => positions[column] === -1);
  if (missing.length > 0) {
    throw new Error(
      `${file}:1: unrecognised price CSV header "${quoted(header.join(','))}": missing ${missing.join(', ')}. ` +
        `Supported layouts:\n  ${SUPPORTED_LAYOUTS.join('\n  ')}`,
    );
  }
  const joined = names.join(',');
  const name: PriceLayoutName =
    joined === ALPHA_VANTAGE ? 'alphavantage' : joined === YAHOO ? 'yahoo' : positions.symbol !== -1 ? 'long' : 'generic';
  return { name, descending: name === 'alphavantage', fieldCount: names.length, headers: [...header], ...positions };
}
