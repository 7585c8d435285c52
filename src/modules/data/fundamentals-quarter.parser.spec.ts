import { inferQuarter, parseQuarterLabel, quarterPhase } from './fundamentals-quarter.parser';

const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`);

describe('parseQuarterLabel', () => {
  it('reads the spreadsheet-mangled YY-Mon label as the quarter-end month', () => {
    expect(parseQuarterLabel('17-Jun')).toEqual({ quarter: '2017-06' });
    expect(parseQuarterLabel('12-oct')).toEqual({ quarter: '2012-10' });
  });

  it('reads Mon-YY and YYYY-MM as well', () => {
    expect(parseQuarterLabel('Sep-18')).toEqual({ quarter: '2018-09' });
    expect(parseQuarterLabel('2019-03')).toEqual({ quarter: '2019-03' });
  });

  it('reads a calendar quarter with its year as the quarter-end month', () => {
    for (const label of ['2014Q1', '2014q1', '2014-Q1', '2014 Q1', 'Q1 2014', 'Q1-2014', 'Q1/2014', 'q1 14', '1Q14', '1Q2014']) {
      expect([label, parseQuarterLabel(label)]).toEqual([label, { quarter: '2014-03' }]);
    }
    expect(parseQuarterLabel('2013Q4')).toEqual({ quarter: '2013-12' });
  });

  it('asks for inference when the label names no month, or a fiscal year that need not be the calendar year', () => {
    for (const label of ['Q2', 'q4', 'NULL', '', ' ', 'FY2014Q1', 'FY14Q1', 'fy2014-q3']) expect(parseQuarterLabel(label)).toBe('infer');
  });

  it('refuses labels it cannot read', () => {
    for (const label of ['17-Foo', '2019-13', 'Q5', 'June 2017', '2014Q5', 'Q0 2014']) expect(parseQuarterLabel(label)).toBeNull();
  });
});

describe('quarterPhase', () => {
  it('is the most common quarter-end month modulo 3, calendar quarters by default', () => {
    expect(quarterPhase(['2018-03', '2018-06', '2018-09'])).toBe(0);
    expect(quarterPhase(['2014-07', '2014-10', '2015-01', '2015-04'])).toBe(1);
    expect(quarterPhase(['2013-02', '2013-05', '2013-08', '2013-06'])).toBe(2);
    expect(quarterPhase([])).toBe(0);
  });
});

describe('inferQuarter', () => {
  it('picks the latest quarter end of the phase at least three days before the announcement', () => {
    expect(inferQuarter(day('2019-02-14'), 0)).toBe('2018-12'); // AAN, label NULL
    expect(inferQuarter(day('2019-08-07'), 0)).toBe('2019-06'); // AAOI, label Q2
    expect(inferQuarter(day('2013-04-01'), 0)).toBe('2012-12'); // one day after a quarter end
    expect(inferQuarter(day('2013-04-03'), 0)).toBe('2013-03');
    expect(inferQuarter(day('2019-03-18'), 1)).toBe('2019-01'); // HQY, fiscal quarters ending Jan/Apr/Jul/Oct
  });
});
