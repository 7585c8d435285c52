import { zonedInstant } from '../../core/market/session-clock';
import { DataValidationError } from './data-validation.error';
import { parseAnnounceDay, parseEarningsCsv } from './fundamentals-csv.parser';
import { QUARTER_LABEL_FORMS } from './fundamentals-quarter.parser';

const csv = (...lines: string[]) => ['symbol,date,qtr,eps_est,eps,release_time,surp', ...lines].join('\n') + '\n';
const parse = (text: string, options: Partial<Parameters<typeof parseEarningsCsv>[1]> = {}) => parseEarningsCsv(text, { file: 'eps.csv', ...options });
const utc = (iso: string) => Date.parse(iso);

describe('parseEarningsCsv', () => {
  it('maps rows to earnings records published at 08:00 (pre), 16:30 (post) or 23:59 (unknown) New York time', () => {
    const parsed = parse(csv('AAPL,7/30/19,19-Jun,2.098,2.18,post,0.082', 'AAPL,1/29/19,18-Dec,4.17,4.18,pre,0.01', 'AAPL,4/30/19,19-Mar,2.361,2.46,,0.099'));
    expect(parsed.symbols.get('AAPL')).toEqual([
      { symbol: 'AAPL', announceDay: utc('2019-01-29T00:00:00Z'), releaseTime: 'pre-market', quarter: '2018-12', epsEstimate: 4.17, epsActual: 4.18, publishedAt: utc('2019-01-29T13:00:00Z'), quarterLabel: '18-Dec', quarterInferred: false },
      { symbol: 'AAPL', announceDay: utc('2019-04-30T00:00:00Z'), releaseTime: 'unknown', quarter: '2019-03', epsEstimate: 2.361, epsActual: 2.46, publishedAt: utc('2019-05-01T03:59:00Z'), quarterLabel: '19-Mar', quarterInferred: false },
      { symbol: 'AAPL', announceDay: utc('2019-07-30T00:00:00Z'), releaseTime: 'post-market', quarter: '2019-06', epsEstimate: 2.098, epsActual: 2.18, publishedAt: utc('2019-07-30T20:30:00Z'), quarterLabel: '19-Jun', quarterInferred: false },
    ]);
  });

  it('infers the quarter of Q2 and NULL labels from the company cadence', () => {
    const parsed = parse(csv('HQY,9/4/18,18-Jul,0.28,0.34,post,0.06', 'HQY,12/4/18,18-Oct,0.25,0.28,post,0.03', 'HQY,3/18/19,NULL,0.221,0.27,post,0.049', 'HQY,6/4/19,Q1,0.338,0.41,post,0.072'));
    expect(parsed.symbols.get('HQY')!.map((r) => [r.quarter, r.quarterInferred])).toEqual([
      ['2018-07', false],
      ['2018-10', false],
      ['2019-01', true],
      ['2019-04', true],
    ]);
    expect(parsed.inferredQuarters).toBe(2);
  });

  it('reads a slash in a symbol as a dot', () => {
    expect([...parse(csv('JW/A,3/5/19,Q3,0.78,0.61,pre,-0.17')).symbols.keys()]).toEqual(['JW.A']);
  });

  it('refuses a file with bad rows, listing every one as file:line: reason', () => {
    const text = csv('A,2/30/13,13-Jan,0.66,0.63,post,0', 'A,5/14/13,13-Foo,x,,post,0', 'A,8/14/13,13-Jul,0.62,0.68,during,0', 'A,8/14/13,13-Jul,0.62,0.68,post,0', 'A,8/14/13,13-Jul,0.62,0.68,post,0', 'A,1/1/14');
    let error: unknown;
    try {
      parse(text);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DataValidationError);
    expect((error as Error).message.split('\n').slice(1)).toEqual([
      'eps.csv:2: bad date "2/30/13"',
      `eps.csv:3: unrecognised quarter "13-Foo" (accepted: ${QUARTER_LABEL_FORMS}); non-numeric eps_est "x"; empty eps`,
      'eps.csv:4: unrecognised release_time "during"',
      'eps.csv:6: second announcement of A on 2013-08-14 (first on line 5)',
      'eps.csv:7: expected 7 fields, found 2',
    ]);
    const skipped = parse(text, { onBadRow: 'skip' });
    expect(skipped.skippedRows).toBe(5);
    expect(skipped.symbols.get('A')).toHaveLength(1);
  });

  it('keeps one symbol without validating the rows of others', () => {
    const parsed = parse(csv('A,2/30/13,13-Jan,0.66,0.63,post,0', 'AAPL,7/30/19,19-Jun,2.098,2.18,post,0.082'), { symbol: 'aapl' });
    expect([...parsed.symbols.keys()]).toEqual(['AAPL']);
    expect(() => parse(csv('A,2/14/13,13-Jan,0.66,0.63,post,0'), { symbol: 'MSFT' })).toThrow(/no earnings for symbol MSFT/);
  });

  it('reads pre-market instants across a daylight-saving change', () => {
    const parsed = parse(csv('X,3/8/19,19-Jan,1,1,pre,0', 'X,3/11/19,19-Feb,1,1,pre,0'));
    const [before, after] = parsed.symbols.get('X')!;
    expect(before.publishedAt).toBe(utc('2019-03-08T13:00:00Z'));
    expect(after.publishedAt).toBe(utc('2019-03-11T12:00:00Z'));
    expect(after.publishedAt).toBe(zonedInstant(after.announceDay, '08:00', 'America/New_York'));
  });
});

describe('parseAnnounceDay', () => {
  it('reads M/D/YY, M/D/YYYY and YYYY-MM-DD', () => {
    expect(parseAnnounceDay('11/19/12')).toBe(utc('2012-11-19T00:00:00Z'));
    expect(parseAnnounceDay('1/2/2019')).toBe(utc('2019-01-02T00:00:00Z'));
    expect(parseAnnounceDay('2019-01-02')).toBe(utc('2019-01-02T00:00:00Z'));
    expect(parseAnnounceDay('13/1/19')).toBeNull();
  });
});
