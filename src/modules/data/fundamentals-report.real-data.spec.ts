import { readFileSync } from 'node:fs';
import { FinancialReportAgent } from '../../core/agents/report/financial-report.agent';
import { NYSE_CALENDAR, sessionCloses } from '../../core/market/session-clock';
import { describeWithSharedData, sharedDataPath } from '../../../test/support/shared-data';
import { parseEarningsCsv } from './fundamentals-csv.parser';

const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`);

describeWithSharedData('financial-report agent on the real AAPL earnings', () => {
  const path = sharedDataPath('fundamentals', 'earnings_eps_surprise_2012-2019.csv');
  const aapl = parseEarningsCsv(readFileSync(path, 'utf8'), { file: path, symbol: 'AAPL' }).symbols.get('AAPL')!;

  it('first sees the quarter released after the close of 2019-07-30 at the session of 2019-07-31', () => {
    const [close30, close31] = sessionCloses(new Float64Array([day('2019-07-30'), day('2019-07-31')]), NYSE_CALENDAR);
    const agent = new FinancialReportAgent();
    const onTheDay = agent.run({ symbol: 'AAPL', time: close30, earnings: aapl, filing: [] });
    const nextDay = agent.run({ symbol: 'AAPL', time: close31, earnings: aapl, filing: [] });
    expect(onTheDay.data.indicators.latestQuarter).toBe('2019-03');
    expect(nextDay.data.indicators.latestQuarter).toBe('2019-06');
    expect(nextDay.data.indicators.epsSurprise).toBeCloseTo((2.18 - 2.098) / 2.098, 12);
    // Same quarter a year earlier: 2.34 (2018-06), so EPS fell.
    expect(nextDay.data.indicators.epsGrowthYoY).toBeCloseTo((2.18 - 2.34) / 2.34, 12);
    expect(nextDay.data.indicators.beatsLast4).toBe(4);
    expect(nextDay.data.risks).toContain('EPS fell 7% year over year (2.18 vs 2.34 a year earlier)');
    expect(nextDay.provenance[0]).toEqual({ kind: 'earnings', ref: 'AAPL 2019-06', publishedAt: Date.parse('2019-07-30T20:30:00Z') });
    expect(nextDay.provenance.every((p) => p.publishedAt <= close31)).toBe(true);
  });
});
