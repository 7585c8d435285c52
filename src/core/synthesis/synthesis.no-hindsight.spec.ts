import { DEFAULT_ENGINE_CONFIG } from '../engine/engine-config';
import { runBacktest } from '../engine/engine';
import { DAY_MS, isoDay } from '../market/dates';
import { MemoryCase } from '../reflection/memory-case';
import { createStrategy } from '../strategies/registry';
import { randomWalkSeries } from '../testing/random-walk';
import { synthesize } from './dataset.synthesizer';
import { fixtureInfo, fixtureInputs } from './synthesis.fixture';
import { PreferenceRecord, SftRecord, SYNTH_AGENTS, SynthesisOptions, SynthesisRun } from './synthesis.types';
import { TraceRow } from './trace-bars.reader';

/**
 * Nothing in a prompt or an assistant message of an exported record may come from after the
 * decision. Two runs share their bars up to a cut and differ after it; every record of a
 * decision before the cut must then show the same messages in both exports (for each action,
 * the same answer), however its label turned out. The labels themselves differ near the cut:
 * they belong in the metadata.
 */
const BARS = 320;
const CUT = 230;

function run(future: 'as is' | 'changed'): SynthesisRun {
  const series = randomWalkSeries(BARS, 7);
  if (future === 'changed') {
    // A different future: the session after the cut reverses its move (5% the other way from
    // its open), then each later bar is scaled by its own factor (a scaled bar stays a valid bar).
    const o = series.open[CUT];
    const c = o * (1 - 0.05 * Math.sign(series.close[CUT] - o));
    series.close[CUT] = c;
    series.high[CUT] = Math.max(o, c) * 1.005;
    series.low[CUT] = Math.min(o, c) * 0.995;
    const level = c / series.open[CUT + 1];
    for (let t = CUT + 1; t < BARS; t++) {
      const k = level * (1 + 0.06 * Math.sin(t * 1.7) + (t % 3 === 0 ? 0.05 : -0.03));
      series.open[t] *= k;
      series.high[t] *= k;
      series.low[t] *= k;
      series.close[t] *= k;
    }
  }
  const info = fixtureInfo();
  const inputs = fixtureInputs(series.time[0], Math.round((series.time[BARS - 1] - series.time[0]) / DAY_MS) + 1, info.symbol);
  const result = runBacktest(series, createStrategy('tradinggroup'), DEFAULT_ENGINE_CONFIG, { startBar: 60, endBar: BARS }, {}, inputs);
  const trace: TraceRow[] = result.trace.map((e) => ({ barIndex: e.bar, date: isoDay(e.time), agent: e.agent, output: JSON.parse(JSON.stringify(e.output)) }));
  return { info, trace, cases: JSON.parse(JSON.stringify(result.memory)) as MemoryCase[] };
}

const ALL_SFT: SynthesisOptions = { format: 'sft', agents: SYNTH_AGENTS, minWHit: -1, maxRegret: Infinity, rejected: 'worst' };
const cutTime = randomWalkSeries(BARS, 7).time[CUT];

/** Each record's messages by what identifies it across exports. */
function sftMessages(records: SftRecord[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const r of records) if (Date.parse(r.metadata.decidedAt) < cutTime) out.set(`${r.metadata.date} ${r.metadata.agent}`, JSON.stringify(r.messages));
  return out;
}

/** The prompt of each preference record and the answer it gives for each action. */
function preferenceMessages(records: PreferenceRecord[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const r of records) {
    if (Date.parse(r.metadata.decidedAt) >= cutTime) continue;
    const day = r.metadata.date;
    out.set(`${day} prompt`, JSON.stringify(r.prompt));
    out.set(`${day} ${r.chosenAction}`, r.chosen[0].content);
    // A label-derived answer for an action must read the same on either side of a pair.
    out.set(`${day} ${r.rejectedAction}${r.rejectedSource === 'model' ? ' as taken' : ''}`, r.rejected[0].content);
  }
  return out;
}

function expectSameWhereBoth(a: Map<string, string>, b: Map<string, string>): number {
  let compared = 0;
  for (const [key, text] of a) {
    if (!b.has(key)) continue;
    expect([key, b.get(key)]).toEqual([key, text]);
    compared++;
  }
  return compared;
}

describe('exported records hold nothing known after the decision', () => {
  const asIs = run('as is');
  const changed = run('changed');

  it('changes the labels of decisions just before the cut (the test can see a leak)', () => {
    const labelsNear = (r: SynthesisRun) => r.cases.filter((c) => c.decidedAt < cutTime && c.knownAt >= cutTime).map((c) => c.decision.outcome);
    expect(labelsNear(asIs).length).toBeGreaterThan(0);
    expect(labelsNear(changed)).not.toEqual(labelsNear(asIs));
  });

  it('writes the same prompt and assistant messages in every SFT record decided before the cut', () => {
    const a = sftMessages(synthesize([asIs], ALL_SFT).records as SftRecord[]);
    const b = sftMessages(synthesize([changed], ALL_SFT).records as SftRecord[]);
    expect(expectSameWhereBoth(a, b)).toBeGreaterThan(500);
  });

  it.each(['worst', 'taken'] as const)('writes the same prompt and the same answer per action in every preference record decided before the cut (rejected: %s)', (rejected) => {
    const options: SynthesisOptions = { ...ALL_SFT, format: 'preference', rejected };
    const a = synthesize([asIs], options).records as PreferenceRecord[];
    const b = synthesize([changed], options).records as PreferenceRecord[];
    // Some pairs near the cut flip: the same answers then stand on the other side.
    const flipped = a.filter((r) => {
      const other = b.find((x) => x.metadata.date === r.metadata.date);
      return other !== undefined && Date.parse(r.metadata.decidedAt) < cutTime && other.chosenAction !== r.chosenAction;
    });
    expect(flipped.length).toBeGreaterThan(0);
    expect(expectSameWhereBoth(preferenceMessages(a), preferenceMessages(b))).toBeGreaterThan(300);
  });

  it('states no outcome, realised return or reward of the decision in any message of any record', () => {
    const records = [
      ...synthesize([asIs], ALL_SFT).records,
      ...synthesize([asIs], { ...ALL_SFT, format: 'preference' }).records,
      ...synthesize([asIs], { ...ALL_SFT, format: 'preference', rejected: 'taken' }).records,
    ];
    expect(records.length).toBeGreaterThan(1000);
    for (const r of records) {
      const messages = 'messages' in r ? r.messages : [...r.prompt, ...r.chosen, ...r.rejected];
      const text = messages.map((m) => m.content).join('\n');
      expect(text).not.toMatch(/hindsight|\brealised|outcome close|the stock returned|earns a reward/i);
    }
  });
});
