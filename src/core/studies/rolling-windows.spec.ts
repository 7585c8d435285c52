import { addSpan, parseSpan, rollingWindows, SpanSyntaxError, walkForwardFolds } from './rolling-windows';
import { isoDay, parseIsoDay } from '../market/dates';

describe('rolling windows', () => {
  it('rolls two-year windows by a year, each ending the day before its second anniversary', () => {
    expect(rollingWindows('2004-01-02', '2008-12-31', parseSpan('2y'), parseSpan('1y'))).toEqual([
      { from: '2004-01-02', to: '2006-01-01' },
      { from: '2005-01-02', to: '2007-01-01' },
      { from: '2006-01-02', to: '2008-01-01' },
    ]);
  });

  it('gives no window when the range is shorter than one', () => {
    expect(rollingWindows('2004-01-02', '2004-06-30', parseSpan('1y'), parseSpan('1y'))).toEqual([]);
  });

  it('keeps the day of the month, or the month end when the month is shorter', () => {
    expect(isoDay(addSpan(parseIsoDay('2004-02-29'), parseSpan('1y')))).toBe('2005-02-28');
    expect(isoDay(addSpan(parseIsoDay('2004-01-31'), parseSpan('1m')))).toBe('2004-02-29');
    expect(isoDay(addSpan(parseIsoDay('2004-01-31'), parseSpan('2w')))).toBe('2004-02-14');
    expect(isoDay(addSpan(parseIsoDay('2004-01-31'), parseSpan('90d')))).toBe('2004-04-30');
  });

  it('walks forward: train, then test on the span right after it, rolled by the test span', () => {
    expect(walkForwardFolds('2010-01-01', '2013-12-31', parseSpan('2y'), parseSpan('1y'))).toEqual([
      { train: { from: '2010-01-01', to: '2011-12-31' }, test: { from: '2012-01-01', to: '2012-12-31' } },
      { train: { from: '2011-01-01', to: '2012-12-31' }, test: { from: '2013-01-01', to: '2013-12-31' } },
    ]);
  });

  it.each(['', '2', 'y', '0y', '2 years', '-1y'])('refuses the span "%s"', (text) => {
    expect(() => parseSpan(text)).toThrow(SpanSyntaxError);
  });
});
