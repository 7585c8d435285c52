import { CaseColumns } from './case-columns';
import { memoryCase } from './memory-case.fixture';

describe('case columns', () => {
  it('give back each case equal to the one added, key order included', () => {
    const cases = [
      memoryCase(1),
      memoryCase(2, { decision: { action: 'SELL', signals: { news: null, report: -0.25, forecast: 0 } }, style: { style: 'conservative' } }),
      memoryCase(3, { forecast: { label: 'sideways', outcome: { realised: 'down', signOk: -1, wHit: -0.3 } }, decision: { signals: { news: 0.5, report: null, forecast: -1 } } }),
      { ...memoryCase(4), sourceRun: 'run-7', checksum: 'abc', provenance: [{ kind: 'news' as const, ref: 'n1', publishedAt: 5 }] },
    ];
    const columns = new CaseColumns(7);
    const rows = cases.map((c) => columns.add(c));
    expect(rows).toEqual([0, 1, 2, 3]);
    expect(columns.size).toBe(4);
    for (const [i, c] of cases.entries()) expect(JSON.stringify(columns.at(i))).toBe(JSON.stringify(c));
    expect(columns.at(1).decision.signals.news).toBeNull();
    expect(columns.at(3).provenance).toBe(cases[3].provenance);
  });
  it('keep provenance given as lists without joining them, and give it back as one list', () => {
    const bar = [{ kind: 'bar' as const, ref: '2015-01-02', publishedAt: 3 }];
    const news = [{ kind: 'news' as const, ref: 'n1', publishedAt: 2 }, { kind: 'news' as const, ref: 'n2', publishedAt: 3 }];
    const columns = new CaseColumns(7);
    columns.add(memoryCase(1), true, [bar, news, []]);
    columns.add(memoryCase(2), true, [bar, [], []]);
    columns.add(memoryCase(3), true, [bar, news, bar, news]);
    expect(columns.at(0).provenance).toEqual([...bar, ...news]);
    expect(columns.at(1).provenance).toBe(bar);
    expect(columns.at(2).provenance).toEqual([...bar, ...news, ...bar, ...news]);
  });
});
