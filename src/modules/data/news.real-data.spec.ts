import { readFileSync } from 'node:fs';
import { describeWithSharedData, sharedDataPath } from '../../../test/support/shared-data';
import { parseNewsText } from './news-file.parser';
import { parseNewsTime } from './news-time.parser';

describeWithSharedData('news importer on the real StockNet and StockEmotions files', () => {
  it('reads all 18,365 AAPL tweets of StockNet at their created_at instant, with unique ids', () => {
    const path = sharedDataPath('news', 'stocknet_2014-2015', 'tweets_preprocessed', 'AAPL.jsonl');
    const lines = readFileSync(path, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    const items = parseNewsText(readFileSync(path, 'utf8'), { file: path }).symbols.get('AAPL')!;
    expect(items).toHaveLength(18_365);
    expect(new Set(items.map((i) => i.id)).size).toBe(18_365);
    expect(items[0].time).toBe(Date.parse('2013-12-31T23:10:08Z'));
    // About 7% of tweets were filed under the next day: their instant must come from created_at.
    const earlier = lines.filter((l) => new Date(parseNewsTime(l.created_at)!).toISOString().slice(0, 10) < l.file_date).length;
    expect(earlier / lines.length).toBeGreaterThan(0.05);
    const times = new Set(items.map((i) => i.time));
    expect(lines.every((l) => times.has(parseNewsTime(l.created_at)!))).toBe(true);
  });

  it('reads the 10,000 StockEmotions posts of all three splits, with texts spanning lines and their labels', () => {
    let total = 0;
    let aapl = 0;
    const ids = new Set<string>();
    for (const split of ['train', 'val', 'test']) {
      const path = sharedDataPath('news', 'stockemotions_2020', 'tweet', `${split}_stockemo.csv`);
      const parsed = parseNewsText(readFileSync(path, 'utf8'), { file: path });
      expect(parsed.layout).toBe('stockemotions');
      for (const items of parsed.symbols.values()) {
        total += items.length;
        for (const item of items) {
          ids.add(item.id);
          expect(['bullish', 'bearish']).toContain(item.labels?.sentiment);
        }
      }
      aapl += parsed.symbols.get('AAPL')?.length ?? 0;
    }
    expect(total).toBe(10_000);
    expect(ids.size).toBe(10_000);
    expect(aapl).toBe(1_721);
  });
});
