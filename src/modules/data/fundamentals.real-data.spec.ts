import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NYSE_CALENDAR, sessionCloses } from '../../core/market/session-clock';
import { describeWithSharedData, sharedDataPath } from '../../../test/support/shared-data';
import { parseEarningsCsv } from './fundamentals-csv.parser';
import { inferQuarter, quarterPhase } from './fundamentals-quarter.parser';
import { FundamentalsStore } from './fundamentals.store';

const EPS_FILE = () => sharedDataPath('fundamentals', 'earnings_eps_surprise_2012-2019.csv');
const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`);

describeWithSharedData('fundamentals importer on the real EPS surprise file', () => {
  const parsed = () => parseEarningsCsv(readFileSync(EPS_FILE(), 'utf8'), { file: EPS_FILE() });

  it('reads every row without a bad one, inferring the 1,663 quarters labelled Qn or NULL', () => {
    const p = parsed();
    expect(p.problems).toEqual([]);
    expect(p.records).toBe(72_970);
    expect(p.inferredQuarters).toBe(968 + 695);
    // JW/A and MOG/A join JW.A and MOG.A: 4,051 tickers as written, 4,049 symbols.
    expect(p.symbols.size).toBe(4_049);
  });

  it('reproduces the written quarter for at least 99.7% of labelled rows when inferring it from the day', () => {
    let labelled = 0;
    let same = 0;
    for (const records of parsed().symbols.values()) {
      const known = records.filter((r) => !r.quarterInferred);
      const phase = quarterPhase(known.map((r) => r.quarter));
      for (const r of known) {
        labelled++;
        if (inferQuarter(r.announceDay, phase) === r.quarter) same++;
      }
    }
    expect(labelled).toBe(71_307);
    expect(same / labelled).toBeGreaterThan(0.997);
  });

  it("makes AAPL's post-market release of 2019-07-30 first visible at the next session, and a pre-market one at its own", () => {
    const dir = mkdtempSync(join(tmpdir(), 'tg-fund-real-'));
    try {
      const store = new FundamentalsStore(dir);
      store.importFile(EPS_FILE(), { symbol: 'AAPL' });
      const { records } = store.load('AAPL');
      expect(records).toHaveLength(28);
      const july = records.find((r) => r.quarter === '2019-06')!;
      expect(july).toMatchObject({ releaseTime: 'post-market', epsEstimate: 2.098, epsActual: 2.18 });
      const [close30, close31] = sessionCloses(new Float64Array([day('2019-07-30'), day('2019-07-31')]), NYSE_CALENDAR);
      expect(july.publishedAt).toBeGreaterThan(close30);
      expect(july.publishedAt).toBeLessThanOrEqual(close31);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const aan = parseEarningsCsv(readFileSync(EPS_FILE(), 'utf8'), { file: 'eps', symbol: 'AAN' }).symbols.get('AAN')!;
    const pre = aan.find((r) => r.announceDay === day('2019-07-25'))!;
    expect(pre.releaseTime).toBe('pre-market');
    const [close24, close25] = sessionCloses(new Float64Array([day('2019-07-24'), day('2019-07-25')]), NYSE_CALENDAR);
    expect(pre.publishedAt).toBeGreaterThan(close24);
    expect(pre.publishedAt).toBeLessThanOrEqual(close25);
  });

  it('keeps both announcements of HQY quarter 2019-01, the later one last', () => {
    const hqy = parseEarningsCsv(readFileSync(EPS_FILE(), 'utf8'), { file: 'eps', symbol: 'HQY' }).symbols.get('HQY')!;
    expect(hqy.filter((r) => r.quarter === '2019-01').map((r) => r.epsActual)).toEqual([0.06, 0.27]);
  });
});
