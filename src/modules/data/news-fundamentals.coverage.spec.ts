import type { DatasetEntry } from './dataset-catalogue';
import type { FundamentalsEntry } from './fundamentals-catalogue';
import type { NewsEntry } from './news-catalogue';
import { symbolCoverage } from './news-fundamentals.coverage';

const SHA = 'a'.repeat(64);
const price = { symbol: 'AAPL', file: 'prices/AAPL.csv', source: 'aapl.csv', layout: 'yahoo', rows: 2, firstDate: '2020-01-02', lastDate: '2020-01-03', hasAdjClose: true, hasSplitCoefficient: false, sha256: SHA, licence: 'x', importedAt: 'now' } as DatasetEntry;
const news: NewsEntry = { symbol: 'TSLA', file: 'news/TSLA.jsonl', items: 3, first: '2020-01-01T00:00:00.000Z', last: '2020-01-02T00:00:00.000Z', sources: ['stocktwits'], imports: ['t.csv'], sha256: SHA, importedAt: 'now' };
const eps: FundamentalsEntry = { symbol: 'AAPL', file: 'fundamentals/AAPL.json', quarters: 28, firstQuarter: '2012-09', lastQuarter: '2019-06', firstAnnounced: '2012-10-25', lastAnnounced: '2019-07-30', inferredQuarters: 0, imports: ['eps.csv'], sha256: SHA, importedAt: 'now' };

describe('symbolCoverage', () => {
  it('joins prices, news and fundamentals by symbol, keeping the price fields at the top level', () => {
    expect(symbolCoverage([price], [news], [eps])).toEqual([
      { ...price, news: null, fundamentals: { quarters: 28, firstQuarter: '2012-09', lastQuarter: '2019-06', firstAnnounced: '2012-10-25', lastAnnounced: '2019-07-30', inferredQuarters: 0 } },
      { symbol: 'TSLA', news: { items: 3, first: news.first, last: news.last, sources: ['stocktwits'] }, fundamentals: null },
    ]);
  });

  it('is empty when nothing was imported', () => {
    expect(symbolCoverage([], [], [])).toEqual([]);
  });
});
