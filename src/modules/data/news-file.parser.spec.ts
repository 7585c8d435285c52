import { buildNewsTimeline } from '../../core/market/news';
import { NYSE_CALENDAR, sessionCloses } from '../../core/market/session-clock';
import { DataValidationError } from './data-validation.error';
import { parseNewsText } from './news-file.parser';

const csv = (...lines: string[]) => lines.join('\n') + '\n';
const parse = (text: string, options: Partial<Parameters<typeof parseNewsText>[1]> = {}) => parseNewsText(text, { file: 'news.csv', ...options });
const utc = (iso: string) => Date.parse(iso);

describe('parseNewsText: generic CSV', () => {
  it('reads timestamp, symbol, headline and the optional columns, sorted by time per symbol', () => {
    const parsed = parse(
      csv(
        'timestamp,symbol,headline,body,source,url',
        '2014-01-02T12:00:00Z,aapl,Apple second,,wire,https://x/2',
        '2014-01-02T11:00:00Z,AAPL,Apple first,"Body with, comma",wire,',
        '2014-01-02T11:30:00Z,MSFT,Microsoft,,,',
      ),
    );
    expect(parsed.layout).toBe('generic-csv');
    expect([...parsed.symbols.keys()].sort()).toEqual(['AAPL', 'MSFT']);
    const aapl = parsed.symbols.get('AAPL')!;
    expect(aapl.map((i) => i.headline)).toEqual(['Apple first', 'Apple second']);
    expect(aapl[0]).toMatchObject({ time: utc('2014-01-02T11:00:00Z'), symbol: 'AAPL', body: 'Body with, comma', source: 'wire' });
    expect(aapl[0].url).toBeUndefined();
    expect(aapl[1].url).toBe('https://x/2');
  });

  it('reads quoted fields spanning lines and reports later rows at their physical line', () => {
    const text = csv('timestamp,symbol,headline', '2014-01-02T11:00:00Z,AAPL,"two', 'lines"', 'not-a-time,AAPL,x');
    expect(() => parse(text)).toThrow(/news\.csv:4: bad timestamp "not-a-time"/);
    const skipped = parse(text, { onBadRow: 'skip' });
    expect(skipped.symbols.get('AAPL')!.map((i) => i.headline)).toEqual(['two lines']);
    expect(skipped.skippedRows).toBe(1);
  });

  it('refuses a file with bad rows, listing every one as file:line: reason', () => {
    const text = csv('timestamp,symbol,headline', '2014-01-02T11:00:00Z,AAPL,fine', '2014-02-30T11:00:00Z,AAPL,bad day', '2014-01-02T11:00:00Z,AAPL,', '2014-01-02T11:00:00Z,A/B,slash', '2014-01-02T11:00:00Z,AAPL');
    let error: unknown;
    try {
      parse(text);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DataValidationError);
    expect((error as Error).message.split('\n')).toEqual([
      'news.csv: 4 bad rows; nothing was loaded or written',
      'news.csv:3: bad timestamp "2014-02-30T11:00:00Z"',
      'news.csv:4: empty headline',
      'news.csv:5: invalid symbol "A/B"',
      'news.csv:6: expected 3 fields, found 2',
    ]);
  });

  it('keeps only the wanted symbol and ignores the rows of others', () => {
    const parsed = parse(csv('timestamp,ticker,title', '2014-01-02T11:00:00Z,AAPL,a', 'garbage,MSFT,b'), { symbol: 'aapl' });
    expect([...parsed.symbols.keys()]).toEqual(['AAPL']);
    expect(parsed.records).toBe(1);
  });

  it('takes the symbol of a file without a symbol column from --symbol, else from the file name', () => {
    const text = csv('time,headline', '2014-01-02T11:00:00Z,a');
    expect([...parse(text, { symbol: 'TSLA' }).symbols.keys()]).toEqual(['TSLA']);
    expect([...parse(text, { fallbackSymbol: 'nflx' }).symbols.keys()]).toEqual(['NFLX']);
    expect(() => parse(text)).toThrow(/no symbol field and no symbol was given/);
  });

  it('refuses a header without timestamp or headline', () => {
    expect(() => parse(csv('when,symbol,text', 'x,y,z'))).toThrow(/unrecognised news header/);
  });

  it('gives items without an id deterministic content ids, unique for exact repeats', () => {
    const text = csv('timestamp,symbol,headline', '2014-01-02T11:00:00Z,AAPL,same', '2014-01-02T11:00:00Z,AAPL,same', '2014-01-02T11:00:00Z,AAPL,other');
    const ids = parse(text).symbols.get('AAPL')!.map((i) => i.id);
    expect(new Set(ids).size).toBe(3);
    expect(ids.filter((id) => /^news-[0-9a-f]{16}$/.test(id))).toHaveLength(2);
    expect(ids.filter((id) => /^news-[0-9a-f]{16}-2$/.test(id))).toHaveLength(1);
    expect(parse(text).symbols.get('AAPL')!.map((i) => i.id)).toEqual(ids);
  });

  it('refuses a repeated explicit id', () => {
    expect(() => parse(csv('id,timestamp,symbol,headline', 'n1,2014-01-02T11:00:00Z,AAPL,a', 'n1,2014-01-02T12:00:00Z,AAPL,b'))).toThrow(/news\.csv:3: duplicate id "n1" \(first on line 2\)/);
  });
});

describe('parseNewsText: JSON Lines', () => {
  const stocknet = (createdAt: string, tokens: unknown, fileDate = '2014-01-02') =>
    JSON.stringify({ ticker: 'AAPL', file_date: fileDate, created_at: createdAt, user_id_str: '42', text_tokens: tokens });

  it('reads StockNet tweets at created_at (UTC), not file_date, with the tokens as headline and cashtags joined', () => {
    const parsed = parse([stocknet('Wed Jan 01 23:10:08 +0000 2014', ['$', 'aapl', 'up'], '2014-01-02')].join('\n'), { file: 'AAPL.jsonl' });
    expect(parsed.layout).toBe('stocknet');
    const [item] = parsed.symbols.get('AAPL')!;
    expect(item).toMatchObject({ time: utc('2014-01-01T23:10:08Z'), headline: '$aapl up', source: 'twitter' });
    expect(item.id).toMatch(/^stocknet-[0-9a-f]{16}$/);
  });

  it('reports StockNet lines with bad JSON or tokens by line', () => {
    const text = [stocknet('Wed Jan 01 23:10:08 +0000 2014', ['ok']), '{not json', stocknet('Wed Jan 01 23:10:08 +0000 2014', 'not a list')].join('\n');
    expect(() => parse(text, { file: 'AAPL.jsonl' })).toThrow(/AAPL\.jsonl:2: not valid JSON\nAAPL\.jsonl:3: text_tokens is not a list of strings/);
  });

  it('reads generic records with epoch times and the same field names as the CSV layout', () => {
    const text = [JSON.stringify({ timestamp: 1388531408, symbol: 'MSFT', headline: 'a', url: 'https://x' }), JSON.stringify({ time: '2014-01-01T10:00:00', ticker: 'MSFT', title: 'b' })].join('\n');
    const parsed = parse(text, { file: 'x.jsonl' });
    expect(parsed.layout).toBe('generic-jsonl');
    expect(parsed.symbols.get('MSFT')!.map((i) => [i.time, i.headline])).toEqual([
      [1_388_531_408_000, 'a'],
      [utc('2014-01-01T15:00:00Z'), 'b'],
    ]);
  });
});

describe('parseNewsText: StockEmotions', () => {
  it('reads the original text as headline, the date at the end of that New York day, and keeps the labels', () => {
    const text = csv('id,date,ticker,emo_label,senti_label,original,processed', '100115,2020-01-10,BA,anxiety,bullish,"$BA about to explode', 'Keep shorting please","Boeing about"');
    const parsed = parse(text, { file: 'test_stockemo.csv' });
    expect(parsed.layout).toBe('stockemotions');
    expect(parsed.symbols.get('BA')).toEqual([
      { id: 'stockemotions-100115', time: utc('2020-01-11T04:59:59Z'), symbol: 'BA', headline: '$BA about to explode Keep shorting please', source: 'stocktwits', labels: { emotion: 'anxiety', sentiment: 'bullish' } },
    ]);
  });
});

describe('imported instants and the session clock', () => {
  it('puts an item at 16:00:00 New York time in that session and one at 16:00:01 in the next', () => {
    const parsed = parse(csv('timestamp,symbol,headline', '2014-07-01T16:00:00,AAPL,at the close', '2014-07-01T16:00:01,AAPL,after the close', '2014-01-02T16:00:01,AAPL,winter after'));
    const days = new Float64Array([utc('2014-07-01T00:00:00Z'), utc('2014-07-02T00:00:00Z')]);
    const timeline = buildNewsTimeline(parsed.symbols.get('AAPL')!, sessionCloses(days, NYSE_CALENDAR));
    const session = (t: number) => timeline.items.slice(timeline.start[t], timeline.end[t]).map((i) => i.headline);
    expect(session(0)).toEqual(['at the close']);
    expect(session(1)).toEqual(['after the close']);
    const winter = buildNewsTimeline(parsed.symbols.get('AAPL')!, sessionCloses(new Float64Array([utc('2014-01-02T00:00:00Z'), utc('2014-01-03T00:00:00Z')]), NYSE_CALENDAR));
    expect(winter.items.slice(winter.start[1], winter.end[1]).map((i) => i.headline)).toEqual(['winter after']);
    expect(winter.end[0] - winter.start[0]).toBe(0);
  });
});
