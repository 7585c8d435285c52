import type { DatasetEntry } from './dataset-catalogue';
import type { FundamentalsEntry } from './fundamentals-catalogue';
import type { NewsEntry } from './news-catalogue';

/**
 * What the data directory holds for one symbol: the price dataset's catalogue fields when it has
 * prices (so `data list --json` keeps its earlier shape for price datasets), plus its news and
 * fundamentals coverage, null when absent.
 */
export type SymbolCoverage = Partial<DatasetEntry> & {
  symbol: string;
  news: Pick<NewsEntry, 'items' | 'first' | 'last' | 'sources'> | null;
  fundamentals: Pick<FundamentalsEntry, 'quarters' | 'firstQuarter' | 'lastQuarter' | 'firstAnnounced' | 'lastAnnounced' | 'inferredQuarters'> | null;
};

/** Joins the three catalogues by symbol, sorted by symbol. */
export function symbolCoverage(prices: readonly DatasetEntry[], news: readonly NewsEntry[], fundamentals: readonly FundamentalsEntry[]): SymbolCoverage[] {
  const rows = new Map<string, SymbolCoverage>();
  const row = (symbol: string): SymbolCoverage => {
    let r = rows.get(symbol);
    if (r === undefined) rows.set(symbol, (r = { symbol, news: null, fundamentals: null }));
    return r;
  };
  for (const p of prices) Object.assign(row(p.symbol), p);
  for (const n of news) row(n.symbol).news = { items: n.items, first: n.first, last: n.last, sources: n.sources };
  for (const f of fundamentals) {
    const { quarters, firstQuarter, lastQuarter, firstAnnounced, lastAnnounced, inferredQuarters } = f;
    row(f.symbol).fundamentals = { quarters, firstQuarter, lastQuarter, firstAnnounced, lastAnnounced, inferredQuarters };
  }
  return [...rows.values()].sort((a, b) => (a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : 0));
}
