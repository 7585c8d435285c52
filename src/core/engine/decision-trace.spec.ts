import { createStrategy } from '../strategies/registry';
import { NO_MARKET_INPUTS } from '../market/market-inputs';
import { NewsItem } from '../market/news';
import { randomWalkSeries } from '../testing/random-walk';
import { DecisionTrace } from './decision-trace';
import { runBacktest } from './engine';
import { DEFAULT_ENGINE_CONFIG } from './engine-config';
import { RowColumns } from './growable';
import { TraceColumns } from './trace-columns';
import { runNotes, traceNotes } from './trace-notes';

/** Columns for `{ x: number }` outputs; refuses anything else. */
class PointColumns implements TraceColumns {
  private readonly columns = new RowColumns(1, 0);
  write(output: unknown): number {
    const x = (output as { x?: unknown }).x;
    if (typeof x !== 'number') return -1;
    const row = this.columns.add();
    this.columns.numbers[row] = x;
    return row;
  }
  read(row: number): unknown {
    return { x: this.columns.numbers[row] };
  }
}

describe('decision trace', () => {
  it('gives back every record in order, from columns where they take it and whole otherwise', () => {
    const trace = new DecisionTrace({ point: new PointColumns() });
    const odd = { x: 'not a number' };
    const note = { text: 'no columns for this agent' };
    for (let bar = 0; bar < 3000; bar++) trace.record(bar, 'point', { x: bar / 7 });
    trace.record(3000, 'point', odd);
    trace.record(3000, 'note', note);
    const time = Float64Array.from({ length: 3001 }, (_, i) => 1e12 + i * 864e5);
    const entries = trace.entries(time);
    expect(entries).toHaveLength(3002);
    expect(entries[1234]).toEqual({ bar: 1234, time: time[1234], agent: 'point', output: { x: 1234 / 7 } });
    expect(entries[3000].output).toBe(odd);
    expect(entries[3001]).toEqual({ bar: 3000, time: time[3000], agent: 'note', output: note });
    expect(trace.keptWhole).toBe(2);
    expect(trace.entries(time)).toBe(entries);
  });

  it('keeps a TradingGroup run in columns and gives back exactly the trace recorded whole', () => {
    const bars = randomWalkSeries(700, 11);
    const news: NewsItem[] = [];
    for (let t = 40; t < 700; t += 3) {
      news.push({ id: `n${t}`, time: bars.time[t] + 15 * 3600e3, symbol: 'RW', headline: t % 2 ? 'RW shares surge on record profit' : 'RW misses estimates, shares fall' });
    }
    const inputs = { ...NO_MARKET_INPUTS, news };
    const columnar = createStrategy('tradinggroup');
    const columns = columnar.traceColumns!(bars.length);
    const refused: string[] = [];
    for (const [agent, c] of Object.entries(columns)) {
      const write = c.write.bind(c);
      c.write = (output) => {
        const row = write(output);
        if (row < 0) refused.push(`${agent}: ${(output as { rationale: string }).rationale}`);
        return row;
      };
    }
    columnar.traceColumns = () => columns;
    const whole = Object.assign(createStrategy('tradinggroup'), { traceColumns: undefined });
    const a = runBacktest(bars, columnar, DEFAULT_ENGINE_CONFIG, { startBar: 0, endBar: 700 }, {}, inputs);
    const b = runBacktest(bars, whole, DEFAULT_ENGINE_CONFIG, { startBar: 0, endBar: 700 }, {}, inputs);
    const agents = new Set(a.trace.map((e) => e.agent));
    expect([...agents].sort()).toEqual(['decision', 'forecast', 'news', 'reflection', 'report', 'risk', 'style']);
    expect(Object.keys(columns).sort()).toEqual(['decision', 'forecast', 'reflection', 'risk', 'style']);
    // Only the forecaster's warm-up outputs (plain, before its features exist) are kept whole.
    expect(new Set(refused)).toEqual(new Set(['forecast: not enough history for the features yet']));
    expect(refused.length).toBeLessThan(30);
    expect(JSON.stringify(a.trace)).toBe(JSON.stringify(b.trace));
    expect(a.trace.map((e) => (e.output as { rationale: string }).rationale)).toEqual(b.trace.map((e) => (e.output as { rationale: string }).rationale));
  });

  it("reads a run's notes from the columns as they read from the trace's entries", () => {
    const bars = randomWalkSeries(400, 5);
    // No news nor fundamentals: the news and report agents say no_data (left out of the notes), the forecaster warms up.
    const result = runBacktest(bars, createStrategy('tradinggroup'), DEFAULT_ENGINE_CONFIG, { startBar: 0, endBar: 400 }, {}, NO_MARKET_INPUTS);
    const fromColumns = result.traceNotes!();
    expect(fromColumns).toEqual(traceNotes(result.trace));
    expect(fromColumns).toContainEqual(expect.stringMatching(/^forecast: warmup on \d+ bars$/));
    // A copy of the result (as sent to another thread) has no such shortcut: its notes come from its trace.
    expect({ ...result }).not.toHaveProperty('traceNotes');
    expect(runNotes(['before'], { ...result, trace: result.trace })).toEqual(['before', ...result.notes, ...fromColumns]);
  });
});
