import { EarningsRecord, FilingPassage } from './fundamentals';
import { MemoryCase } from '../reflection/memory-case';
import { NewsItem } from './news';

/**
 * What a run knows about its symbol besides prices. Every item carries its publication instant;
 * a strategy may use an item only at decisions taken at or after that instant.
 */
export interface MarketInputs {
  news: readonly NewsItem[];
  earnings: readonly EarningsRecord[];
  filing: readonly FilingPassage[];
  /** Company name and other names the news may use for the symbol (lower case). */
  aliases: readonly string[];
  /** Cases of a persistent memory written by earlier runs (each usable once its label was known). */
  memory: readonly MemoryCase[];
}

export const NO_MARKET_INPUTS: MarketInputs = { news: [], earnings: [], filing: [], aliases: [], memory: [] };
