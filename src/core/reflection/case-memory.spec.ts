import fc from 'fast-check';
import { CaseMemory } from './case-memory';
import { CaseOutcomes } from './case-outcomes';
import { ExperienceTally } from './experience-summary';
import { MemoryCase } from './memory-case';
import { DAY, memoryCase } from './memory-case.fixture';

const ids = (cases: MemoryCase[]) => cases.map((c) => c.id);
const query = (...xs: number[]) => Float64Array.from(xs);

/** The reference: rank every case known before the cut-off by cosine similarity, earlier case first on ties. */
function referenceSimilar(cases: MemoryCase[], q: Float64Array, limit: number, k: number): string[] {
  const d = q.length;
  const scored = cases.map((c, i) => {
    let norm = 0;
    for (let j = 0; j < d; j++) norm += c.features[j] * c.features[j];
    norm = Math.sqrt(norm) || 1;
    let sim = 0;
    for (let j = 0; j < d; j++) sim += (c.features[j] / norm) * q[j];
    return { c, i, sim };
  });
  return scored
    .filter((s) => s.c.knownAt < limit)
    .sort((a, b) => b.sim - a.sim || a.i - b.i)
    .slice(0, k)
    .map((s) => s.c.id);
}

describe('CaseMemory', () => {
  it('never returns a case from recent or similar at t when its label was known at or after t', () => {
    const memory = new CaseMemory(7);
    // Labels become known 1 to 5 days after the decision, so knownAt is not in decision order.
    const cases = Array.from({ length: 60 }, (_, i) => memoryCase(i, { knownAt: i * DAY + ((i * 7) % 5 + 1) * DAY }));
    for (const c of cases) expect(memory.add(c)).toBe(true);
    const q = Float64Array.from(cases[30].features);
    for (let t = 0; t <= 70 * DAY; t += DAY / 2) {
      const recent = memory.recent(t, 0);
      const similar = memory.similar(q, t, 10);
      for (const c of [...recent, ...similar]) expect(c.knownAt).toBeLessThan(t);
      expect(ids(recent).sort()).toEqual(ids(cases.filter((c) => c.knownAt < t)).sort());
    }
    // A case known exactly at t is not yet usable at t.
    const exact = cases[12].knownAt;
    expect(ids(memory.recent(exact, 0))).not.toContain(cases[12].id);
    expect(ids(memory.similar(Float64Array.from(cases[12].features), exact, 60))).not.toContain(cases[12].id);
    expect(ids(memory.similar(Float64Array.from(cases[12].features), exact + 1, 60))).toContain(cases[12].id);
  });

  it('returns the recent window [since, t) oldest first, also when cases arrive out of order', () => {
    const memory = new CaseMemory(7);
    for (const i of [5, 1, 3, 2, 4, 0]) memory.add(memoryCase(i));
    expect(ids(memory.recent(5 * DAY, 2 * DAY))).toEqual([memoryCase(1).id, memoryCase(2).id, memoryCase(3).id]);
    expect(memory.recent(1 * DAY, 0)).toEqual([]);
  });

  it('ranks similar cases by cosine similarity, keeps the earlier case on ties, and skips the recent window', () => {
    const memory = new CaseMemory(3);
    memory.add(memoryCase(0, { id: 'east', features: [1, 0, 0] }));
    memory.add(memoryCase(1, { id: 'north-east', features: [1, 1, 0] }));
    memory.add(memoryCase(2, { id: 'east-again', features: [5, 0, 0] }));
    memory.add(memoryCase(3, { id: 'west', features: [-1, 0, 0] }));
    memory.add(memoryCase(4, { id: 'up', features: [0, 0, 2] }));
    const later = 10 * DAY;
    expect(ids(memory.similar(query(2, 0, 0), later, 3))).toEqual(['east', 'east-again', 'north-east']);
    expect(ids(memory.similar(query(2, 0, 0), later, 1))).toEqual(['east']);
    expect(ids(memory.similar(query(2, 0, 0), later, 10))).toEqual(['east', 'east-again', 'north-east', 'up', 'west']);
    // Cases known from excludeFrom on are left to the recent window.
    expect(ids(memory.similar(query(2, 0, 0), later, 3, 3 * DAY))).toEqual(['east', 'north-east']);
    expect(memory.similar(query(2, 0, 0), later, 0)).toEqual([]);
    expect(memory.similar(query(NaN, 0, 0), later, 3)).toEqual([]);
  });

  it('rejects unsound cases with their reasons and keeps them out of retrieval', () => {
    const memory = new CaseMemory(7);
    const bad: Array<[MemoryCase, string]> = [
      [memoryCase(1, { id: 'same-instant', knownAt: 1 * DAY }), 'label known before the decision'],
      [memoryCase(2, { id: 'known-earlier', knownAt: 2 * DAY - 1 }), 'label known before the decision'],
      [memoryCase(3, { id: 'late-news', provenance: [{ kind: 'news', ref: 'n1', publishedAt: 3 * DAY + 1 }] }), 'uses an input published after the decision'],
      [memoryCase(4, { id: 'short', features: [1, 2, 3] }), 'malformed state features'],
      [memoryCase(5, { id: 'nan', features: [1, 2, 3, NaN, 5, 6, 7] }), 'malformed state features'],
      [memoryCase(6, { id: 'infinite', features: [1, 2, 3, 4, Infinity, 6, 7] }), 'malformed state features'],
      [memoryCase(7, { id: 'w-hit', forecast: { outcome: { wHit: 1.5 } } }), 'forecast label out of range'],
      [memoryCase(8, { id: 'p-true', forecast: { outcome: { pTrue: -0.1 } } }), 'forecast label out of range'],
      [memoryCase(9, { id: 'epsilon', forecast: { outcome: { epsilon: 0 } } }), 'forecast label out of range'],
      [memoryCase(10, { id: 'probabilities', forecast: { pUp: 0.7 } }), 'forecast probabilities malformed'],
      [memoryCase(11, { id: 'regret', decision: { outcome: { regret: -0.01 } } }), 'decision label malformed'],
      [memoryCase(12, { id: 'reward', decision: { outcome: { rewards: { BUY: NaN, SELL: 0, HOLD: 0 } } } }), 'decision label malformed'],
      [memoryCase(13, { id: 'style', style: { style: 'reckless' as never } }), 'unknown style'],
      [memoryCase(15, { id: 'label', forecast: { label: 'flat' as never } }), 'unknown forecast class'],
      [memoryCase(16, { id: 'realised', forecast: { outcome: { realised: 'crash' as never } } }), 'unknown forecast class'],
      [memoryCase(17, { id: 'action', decision: { outcome: { best: 'SHORT' as never } } }), 'unknown action'],
      [memoryCase(18, { id: 'signal', decision: { signals: { news: NaN, report: null, forecast: 0.1 } } }), 'decision signals malformed'],
    ];
    for (const [c] of bad) expect(memory.add(c)).toBe(false);
    expect(memory.add(memoryCase(14, { id: 'sound' }))).toBe(true);
    expect(memory.rejected).toEqual(bad.map(([c, reason]) => ({ id: c.id, reason })));
    expect(memory.size).toBe(1);
    expect(ids(memory.recent(100 * DAY, 0))).toEqual(['sound']);
    expect(ids(memory.similar(Float64Array.from(memoryCase(14).features), 100 * DAY, 20))).toEqual(['sound']);
  });

  it('checks every provenance list a case is added with, not only its own', () => {
    const memory = new CaseMemory(7);
    const early = [{ kind: 'bar' as const, ref: 'day 3', publishedAt: 3 * DAY }];
    const late = [{ kind: 'news' as const, ref: 'n1', publishedAt: 3 * DAY + 1 }];
    expect(memory.add(memoryCase(3, { id: 'late-part' }), { provenance: [early, late] })).toBe(false);
    expect(memory.rejected).toEqual([{ id: 'late-part', reason: 'uses an input published after the decision' }]);
    expect(memory.add(memoryCase(3, { id: 'sound-parts' }), { provenance: [early, []] })).toBe(true);
    expect(memory.caseAt(0).provenance).toBe(early);
    // A frozen list is judged by its latest instant, for each decision it is used in.
    const shared = Object.freeze([...early, ...late]);
    expect(memory.add(memoryCase(3, { id: 'frozen-late' }), { provenance: [shared] })).toBe(false);
    expect(memory.add(memoryCase(4, { id: 'frozen-sound' }), { provenance: [shared] })).toBe(true);
    const broken = Object.freeze([{ kind: 'news' as const, ref: 'n2', publishedAt: NaN }]);
    expect(memory.add(memoryCase(5, { id: 'frozen-nan' }), { provenance: [early, broken] })).toBe(false);
    expect(memory.rejected.map((r) => r.id)).toEqual(['late-part', 'frozen-late', 'frozen-nan']);
  });

  it('matches a plain ranking of all cases known before the cut-off, for any cases, query and cut-off', () => {
    const vector = fc.array(fc.integer({ min: -3, max: 3 }), { minLength: 4, maxLength: 4 });
    const caseArb = fc.record({ features: vector, decided: fc.integer({ min: 0, max: 40 }), lag: fc.integer({ min: 1, max: 5 }) });
    fc.assert(
      fc.property(fc.array(caseArb, { maxLength: 40 }), vector, fc.integer({ min: 0, max: 50 }), fc.integer({ min: 1, max: 8 }), (specs, q, cut, k) => {
        const cases = specs.map((s, i) => memoryCase(s.decided, { id: `c${i}`, features: s.features, knownAt: (s.decided + s.lag) * DAY }));
        const memory = new CaseMemory(4);
        for (const c of cases) memory.add(c);
        const qv = Float64Array.from(q);
        expect(ids(memory.similar(qv, cut * DAY, k))).toEqual(referenceSimilar(cases, qv, cut * DAY, k));
      }),
      { numRuns: 300, seed: 42 },
    );
  });

  it('tallies a moving recent window as the plain tally of the window\'s cases, whatever cases arrive and however it moves', () => {
    const STYLES = ['aggressive', 'balanced', 'conservative'] as const;
    const ACTIONS = ['BUY', 'SELL', 'HOLD'] as const;
    const LABELS = ['up', 'down', 'sideways'] as const;
    const varied = (i: number, decided: number, lag: number, v: number): MemoryCase =>
      memoryCase(decided, {
        id: `c${i}`,
        knownAt: (decided + lag) * DAY,
        style: { style: STYLES[v % 3] },
        forecast: { label: LABELS[v % 3], outcome: { realised: LABELS[(v >> 1) % 3], signOk: v % 2 ? 1 : -1, wHit: 0.1 * (v % 7) - 0.3 } },
        decision: {
          action: ACTIONS[v % 3],
          signals: { news: v % 4 === 0 ? null : (v % 5) - 2, report: (v % 3) - 1, forecast: 0.1 * (v % 9) - 0.4 },
          outcome: { rewards: { BUY: 0.001 * (v % 11) - 0.005, SELL: 0.002 * (v % 5) - 0.004, HOLD: 0 }, best: ACTIONS[(v >> 2) % 3], chosen: ACTIONS[v % 3], regret: 0.001 * (v % 4) },
        },
      });
    const step = fc.record({ adds: fc.array(fc.record({ lag: fc.integer({ min: 1, max: 6 }), v: fc.nat(1000) }), { maxLength: 3 }), back: fc.integer({ min: 0, max: 10 }), width: fc.integer({ min: 1, max: 8 }) });
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 40 }), (steps) => {
        const memory = new CaseMemory(7);
        const tally = new ExperienceTally();
        const cases: MemoryCase[] = [];
        steps.forEach((st, day) => {
          for (const a of st.adds) {
            const c = varied(cases.length, day, a.lag, a.v);
            cases.push(c);
            memory.add(c);
          }
          // Windows that end days before or after today: cases known later than a window's end
          // may arrive before it is asked for again.
          const time = (day + st.back - 5) * DAY;
          const since = time - st.width * DAY;
          tally.reset();
          const n = memory.tallyRecent(time, since, tally);
          const window = memory.recent(time, since);
          const expected = new ExperienceTally();
          expected.addRows(CaseOutcomes.of(window), window.map((_, i) => i), 0, window.length);
          expect(n).toBe(window.length);
          expect(tally.summary(0, 0, 0)).toEqual(expected.summary(0, 0, 0));
        });
      }),
      { numRuns: 200, seed: 7 },
    );
  });
});
