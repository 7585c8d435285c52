import { canonicalJson } from './canonical-json.writer';
import { validateJsonSchema } from './json-schema.validator';
import { fixtureInfo, fixtureRun } from './synthesis.fixture';
import { PREFERENCE_RECORD_SCHEMA, SFT_RECORD_SCHEMA } from './synthesis.schema';
import { PreferenceRecord, SftRecord, SYNTH_AGENTS, SynthesisOptions } from './synthesis.types';
import { DEFAULT_SFT_AGENTS, synthesize } from './dataset.synthesizer';
import { groupTrace } from './trace-bars.reader';

/** Every instant (`YYYY-MM-DD HH:MM UTC`) and day (`YYYY-MM-DD`) a text mentions, as epoch ms (a day counts from its start). */
function stamps(text: string): number[] {
  return [...text.matchAll(/(\d{4})-(\d{2})-(\d{2})(?: (\d{2}):(\d{2}) UTC)?/g)].map((m) =>
    Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0)),
  );
}

const SFT: SynthesisOptions = { format: 'sft', agents: DEFAULT_SFT_AGENTS, minWHit: 0.3, maxRegret: null, rejected: 'worst' };
const PREFERENCE: SynthesisOptions = { ...SFT, format: 'preference' };
const ALL_AGENTS: SynthesisOptions = { ...SFT, agents: SYNTH_AGENTS, minWHit: 0.2 };

describe('synthesize', () => {
  const run = fixtureRun();
  const sft = synthesize([run], ALL_AGENTS);
  const records = sft.records as SftRecord[];

  it('writes records of every agent from a TradingGroup run with news and earnings', () => {
    for (const agent of SYNTH_AGENTS) expect(sft.summary.written[agent]).toBeGreaterThan(0);
    expect(sft.summary.records).toBe(records.length);
  });

  it('matches every SFT record to its schema', () => {
    for (const r of records) expect(validateJsonSchema(JSON.parse(canonicalJson(r)), SFT_RECORD_SCHEMA)).toEqual([]);
  });

  it('gives byte-identical output for the same runs', () => {
    expect(synthesize([fixtureRun()], ALL_AGENTS).jsonl).toBe(sft.jsonl);
    expect(sft.jsonl.endsWith('\n')).toBe(true);
    expect(sft.jsonl).not.toContain('\r');
    expect(sft.jsonl.split('\n').length - 1).toBe(records.length);
  });

  it('orders records by run as given, then bar, then agent in pipeline order', () => {
    const order = (r: SftRecord) => [r.metadata.barIndex, SYNTH_AGENTS.indexOf(r.metadata.agent)];
    for (let i = 1; i < records.length; i++) {
      const [b0, a0] = order(records[i - 1]);
      const [b1, a1] = order(records[i]);
      expect(b1 > b0 || (b1 === b0 && a1 > a0)).toBe(true);
    }
    const other = fixtureRun(260, 7, fixtureInfo('run-0'));
    const both = synthesize([run, other], SFT).records.map((r) => r.metadata.run);
    expect(both.indexOf('run-0')).toBe(both.lastIndexOf('run-1') + 1);
  });

  it('keeps only forecasts with w_hit at the minimum and decisions that chose the best action', () => {
    const strict = synthesize([run], SFT).records as SftRecord[];
    const forecasts = strict.filter((r) => r.metadata.agent === 'forecast');
    expect(forecasts.length).toBeGreaterThan(0);
    for (const r of forecasts) expect(r.metadata.labels!.forecast.wHit).toBeGreaterThanOrEqual(0.3);
    for (const r of strict.filter((x) => x.metadata.agent === 'decision')) expect(r.metadata.labels!.decision.chosen).toBe(r.metadata.labels!.decision.best);
    for (const r of strict.filter((x) => x.metadata.agent === 'style')) {
      const d = r.metadata.labels!.decision;
      expect(d.rewards[d.chosen]).toBeGreaterThanOrEqual(0);
    }
    expect(strict.some((r) => r.metadata.agent === 'news' || r.metadata.agent === 'report')).toBe(false);
  });

  it('accounts for every output: written plus left out equals the bars the agent spoke at', () => {
    const bars = groupTrace(run.trace);
    for (const agent of SYNTH_AGENTS) {
      const spoke = bars.filter((b) => b.outputs[agent]).length;
      const left = Object.values(sft.summary.filtered[agent] ?? {}).reduce((a, b) => a + b, 0);
      expect((sft.summary.written[agent] ?? 0) + left).toBe(spoke);
    }
  });

  it('puts the recorded output and rationale in the assistant message and nothing later than the decision in the prompt', () => {
    const bars = new Map(groupTrace(run.trace).map((b) => [b.barIndex, b]));
    for (const r of records) {
      const out = bars.get(r.metadata.barIndex)!.outputs[r.metadata.agent]!;
      const answer = JSON.parse(r.messages[2].content);
      expect(answer.rationale).toBe(out.rationale);
      if (r.metadata.agent === 'decision') expect(answer.action).toBe(out.data.action);
      if (r.metadata.agent === 'forecast') expect(answer.label).toBe(out.data.label);
      expect(r.messages[1].content).not.toContain('Hindsight');
      const late = stamps(r.messages[1].content).filter((t) => t > Date.parse(r.metadata.decidedAt));
      expect(late).toEqual([]);
    }
  });

  it('stamps each record with its decision instant and the later instant its labels became known', () => {
    for (const r of records.filter((x) => x.metadata.labels)) expect(Date.parse(r.metadata.knownAt!)).toBeGreaterThan(Date.parse(r.metadata.decidedAt));
    expect(records[0].metadata).toMatchObject({
      run: 'run-1',
      symbol: 'RW',
      engineVersion: '1.0.0',
      paramsHash: 'a'.repeat(64),
      dataHashes: { prices: 'c'.repeat(64), filing: null },
    });
  });

  it('builds the same prompts for a date whether or not the run continued past it', () => {
    const short = synthesize([fixtureRun(200)], ALL_AGENTS).records as SftRecord[];
    const lastDate = short[short.length - 1].metadata.date;
    const key = (r: SftRecord) => `${r.metadata.date} ${r.metadata.agent}`;
    const full = new Map(records.map((r) => [key(r), r.messages[1].content]));
    let compared = 0;
    for (const r of short) {
      if (r.metadata.date >= lastDate || !full.has(key(r))) continue;
      expect(r.messages[1].content).toBe(full.get(key(r)));
      compared++;
    }
    expect(compared).toBeGreaterThan(100);
  });

  it('leaves out bars whose decision instant the trace does not tell', () => {
    const stripped = {
      ...run,
      trace: run.trace.map((r) => (r.barIndex === run.trace[0].barIndex ? { ...r, output: { ...(r.output as object), provenance: [] } } : r)),
    };
    const out = synthesize([stripped], ALL_AGENTS);
    expect(out.summary.filtered.style!['no-decision-time']).toBe(1);
    expect(out.records.some((r) => r.metadata.barIndex === run.trace[0].barIndex)).toBe(false);
  });

  it('pairs the best action with a worse one, with every reward and a positive margin', () => {
    const pref = synthesize([run], PREFERENCE);
    const pairs = pref.records as PreferenceRecord[];
    expect(pairs.length).toBeGreaterThan(0);
    for (const p of pairs) {
      expect(validateJsonSchema(JSON.parse(canonicalJson(p)), PREFERENCE_RECORD_SCHEMA)).toEqual([]);
      expect(p.chosenAction).toBe(p.metadata.labels!.decision.best);
      expect(p.rewards[p.chosenAction]!).toBeGreaterThan(p.rewards[p.rejectedAction]!);
      expect(p.margin).toBeCloseTo(p.rewards[p.chosenAction]! - p.rewards[p.rejectedAction]!, 15);
      expect(JSON.parse(p.chosen[0].content).rationale).toMatch(/^Signals at the close: forecast /);
    }
  });

  it("uses the agent's own answer as the rejected one with policy taken", () => {
    const pairs = synthesize([run], { ...PREFERENCE, rejected: 'taken' }).records as PreferenceRecord[];
    const taken = pairs.filter((p) => p.rejectedSource === 'model');
    expect(taken.length).toBeGreaterThan(0);
    for (const p of taken) {
      expect(p.rejectedAction).toBe(p.metadata.labels!.decision.chosen);
      expect(JSON.parse(p.rejected[0].content).rationale).not.toMatch(/Hindsight/);
    }
  });
});
