import { FinancialReportAgent } from './financial-report.agent';
import type { ReportInput } from './financial-report.types';
import { ReportColumns } from './report.columns';
import { at, filing, FIVE_QUARTERS, TEN_Q_TEXTS } from './report.fixture';

const DAY = 86_400_000;
const RELEASE = at('2019-07-30T20:30:00Z');

describe('ReportColumns', () => {
  it('give back each report equal to the one written, rationale included, without keeping it', () => {
    const agent = new FinancialReportAgent();
    const columns = new ReportColumns(agent);
    const input = (days: number, withFiling: boolean): ReportInput => ({
      symbol: 'X',
      time: RELEASE + days * DAY,
      earnings: FIVE_QUARTERS,
      filing: withFiling ? filing('10-Q', RELEASE + DAY, TEN_Q_TEXTS) : [],
    });
    const outputs = [agent.run(input(3, false)), agent.run(input(10, true)), agent.run(input(40, true))];
    const rows = outputs.map((o) => columns.write(o));
    expect(rows).toEqual([0, 1, 2]);
    for (const [i, o] of outputs.entries()) {
      const back = columns.read(rows[i]);
      expect(back).not.toBe(o);
      expect(JSON.stringify(back)).toBe(JSON.stringify(o));
      expect(back.rationale).toBe(o.rationale);
    }
    expect(outputs[1].rationale).toContain('10-Q');
  });

  it('refuse the shared no-data output, which the trace keeps whole', () => {
    const agent = new FinancialReportAgent();
    const none = agent.run({ symbol: 'X', time: RELEASE - 400 * DAY, earnings: FIVE_QUARTERS, filing: [] });
    expect(none.flags).toEqual(['no_data']);
    expect(new ReportColumns(agent).write(none)).toBe(-1);
  });
});
