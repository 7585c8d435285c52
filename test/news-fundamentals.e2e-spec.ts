import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jsonOf, runCli } from './support/cli-runner';
import { describeWithSharedData, sharedDataPath } from './support/shared-data';

/** News and fundamentals through the real CLI entry, on a temporary data directory. */
describeWithSharedData('tradinggroup data import-news / import-fundamentals', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tg-news-cli-'));
  const env = { TRADINGGROUP_DB: join(dir, 'runs.sqlite'), TRADINGGROUP_DATA_DIR: join(dir, 'data'), TRADINGGROUP_BACKTESTS_DIR: join(dir, 'backtests') };
  const cli = (...args: string[]) => runCli(args, dir, env);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('imports the StockNet AAPL tweets, and a second import adds nothing', () => {
    const file = sharedDataPath('news', 'stocknet_2014-2015', 'tweets_preprocessed', 'AAPL.jsonl');
    const out = cli('data', 'import-news', file, '--json');
    expect(out.stderr).toBe('');
    const result = jsonOf(out);
    expect(result).toMatchObject({ layout: 'stocknet', items: 18_365, added: 18_365, skippedRows: 0 });
    expect(result.symbols[0]).toMatchObject({ symbol: 'AAPL', items: 18_365, first: '2013-12-31T23:10:08.000Z', sources: ['twitter'] });
    const again = cli('data', 'import-news', file);
    expect(again.status).toBe(0);
    expect(again.stdout).toMatch(/read 18,365 news items \(stocknet layout\), 0 new/);
  });

  it('imports the StockEmotions test split for every ticker in it', () => {
    const out = cli('data', 'import-news', sharedDataPath('news', 'stockemotions_2020', 'tweet', 'test_stockemo.csv'), '--json');
    const result = jsonOf(out);
    expect(result.layout).toBe('stockemotions');
    expect(result.items).toBe(1_000);
    expect(result.symbols.find((s: { symbol: string }) => s.symbol === 'TSLA').items).toBe(426);
    const aapl = result.symbols.find((s: { symbol: string }) => s.symbol === 'AAPL');
    expect(aapl).toMatchObject({ items: 18_365 + 167, sources: ['stocktwits', 'twitter'] });
  });

  it('imports the AAPL quarters of the EPS surprise file', () => {
    const out = cli('data', 'import-fundamentals', sharedDataPath('fundamentals', 'earnings_eps_surprise_2012-2019.csv'), '--symbol', 'AAPL');
    expect(out.stderr).toBe('');
    expect(out.stdout).toMatch(/imported 28 earnings records of 1 symbols/);
    expect(out.stdout).toMatch(/fundamentals AAPL: 28 quarters, 2012-09\.\.2019-06 \(announced 2012-10-25\.\.2019-07-30\)/);
    expect(readdirSync(join(dir, 'data', 'fundamentals'))).toEqual(['AAPL.json']);
  });

  it('lists news and fundamentals coverage per symbol', () => {
    const list = jsonOf<Array<{ symbol: string; rows?: number; news: { items: number } | null; fundamentals: { quarters: number; lastQuarter: string } | null }>>(cli('data', 'list', '--json'));
    const aapl = list.find((d) => d.symbol === 'AAPL')!;
    expect(aapl.news?.items).toBe(18_532);
    expect(aapl.fundamentals).toMatchObject({ quarters: 28, lastQuarter: '2019-06' });
    expect(aapl.rows).toBeUndefined();
    expect(list.find((d) => d.symbol === 'TSLA')).toMatchObject({ news: { items: 426 }, fundamentals: null });
    const table = cli('data', 'list');
    expect(table.stdout).toMatch(/AAPL .* 18,532 +2013-12-31\.\.2020-12-\d\d +28 +2012-09\.\.2019-06/);
  });

  it('refuses a malformed news file with file:line reasons and writes nothing', () => {
    const bad = join(dir, 'bad-news.csv');
    writeFileSync(bad, 'timestamp,symbol,headline\n2015-01-02T10:00:00,IBM,fine\nyesterday,IBM,bad time\n2015-01-02T11:00:00,IBM,\n');
    const before = readFileSync(join(dir, 'data', 'news.json'), 'utf8');
    const out = cli('data', 'import-news', bad);
    expect(out.status).toBe(1);
    expect(out.stderr).toContain(`${bad}:3: bad timestamp "yesterday"`);
    expect(out.stderr).toContain(`${bad}:4: empty headline`);
    expect(existsSync(join(dir, 'data', 'news', 'IBM.jsonl'))).toBe(false);
    expect(readFileSync(join(dir, 'data', 'news.json'), 'utf8')).toBe(before);
    const skipped = cli('data', 'import-news', bad, '--on-bad-row', 'skip');
    expect(skipped.stdout).toMatch(/skipped 2 bad rows/);
    expect(cli('data', 'import-news', bad, '--on-bad-row', 'maybe').stderr).toMatch(/--on-bad-row: expected one of error, skip/);
  });

  it('reads zone-less timestamps in the zone given with --time-zone', () => {
    const file = join(dir, 'msft-news.csv');
    writeFileSync(file, 'timestamp,headline\n2015-07-01T16:00:00,close\n');
    const result = jsonOf(cli('data', 'import-news', file, '--symbol', 'MSFT', '--time-zone', 'Europe/London', '--json'));
    expect(result.symbols[0]).toMatchObject({ symbol: 'MSFT', first: '2015-07-01T15:00:00.000Z' });
  });
});
