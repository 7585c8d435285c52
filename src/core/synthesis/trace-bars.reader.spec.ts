import { groupTrace, TraceRow } from './trace-bars.reader';

const close = (day: number) => Date.UTC(2016, 2, day, 21);
const row = (barIndex: number, agent: string, publishedAt: number): TraceRow => ({
  barIndex,
  date: new Date(Date.UTC(2016, 2, barIndex)).toISOString().slice(0, 10),
  agent,
  output: { agent, data: {}, rationale: agent, provenance: [{ kind: 'account', ref: 'position', publishedAt }], flags: [] },
});

describe('groupTrace', () => {
  it('groups rows by bar in bar order with the decision instant from the provenance', () => {
    const bars = groupTrace([row(3, 'style', close(3)), row(2, 'decision', close(2)), row(3, 'decision', close(3))]);
    expect(bars.map((b) => [b.barIndex, Object.keys(b.outputs).sort(), b.decidedAt])).toEqual([
      [2, ['decision'], close(2)],
      [3, ['decision', 'style'], close(3)],
    ]);
  });

  it('leaves the decision instant unknown when no decision, style or forecast output tells it', () => {
    expect(groupTrace([row(2, 'news', close(2))])[0].decidedAt).toBeNaN();
  });

  it('refuses a row that is not an agent output, naming it', () => {
    expect(() => groupTrace([{ barIndex: 1, date: '2016-03-01', agent: 'news', output: { score: 1 } }])).toThrow(
      'decision trace 2016-03-01 news: not an agent output',
    );
  });
});
