import { MemoryCase } from '../reflection/memory-case';
import { canonicalJson } from './canonical-json.writer';
import { validateJsonSchema } from './json-schema.validator';
import { modelPreferenceRecord, modelSftRecord } from './model-records.builder';
import { buildPreferenceRecord } from './preference-record.builder';
import { labelsOf } from './record-metadata.builder';
import { sftVerdict } from './sft-label.filter';
import { buildSftRecord } from './sft-record.builder';
import { PREFERENCE_RECORD_SCHEMA, SFT_RECORD_SCHEMA } from './synthesis.schema';
import { PreferenceRecord, SftRecord, SYNTH_AGENTS, SynthAgent, SynthesisOptions, SynthesisRun, SynthesisSummary } from './synthesis.types';
import { BarTrace, groupTrace } from './trace-bars.reader';

/** The SFT default: the agents the paper labels. */
export const DEFAULT_SFT_AGENTS: readonly SynthAgent[] = ['forecast', 'decision', 'style'];

/** The records of an export, their JSONL text and what was written and left out. */
export interface SynthesisResult {
  records: Array<SftRecord | PreferenceRecord>;
  /** One canonical JSON record per line, `\n`-terminated; empty without records. */
  jsonl: string;
  summary: SynthesisSummary;
}

/**
 * Turns stored runs into a post-training dataset, deterministically: records are ordered by run
 * (as given), then bar, then agent in pipeline order (news, report, forecast, style, decision);
 * keys are sorted; nothing depends on the time of the export. Each bar is matched to the memory
 * case decided at the same instant, whose labels filter the record and go into its metadata.
 * Every record is checked against its JSON Schema; a record that fails is a bug and throws.
 */
export function synthesize(runs: readonly SynthesisRun[], options: SynthesisOptions): SynthesisResult {
  const records: Array<SftRecord | PreferenceRecord> = [];
  const summary: SynthesisSummary = { format: options.format, runs: runs.map((r) => r.info.runId), records: 0, written: {}, filtered: {}, rejectedCases: 0 };
  const agents = SYNTH_AGENTS.filter((a) => (options.format === 'preference' ? a === 'decision' : options.agents.includes(a)));
  for (const run of runs) {
    summary.rejectedCases += run.rejectedCases ?? 0;
    const cases = casesByInstant(run.cases, run.info.symbol);
    for (const bar of groupTrace(run.trace)) {
      const labelled = cases.get(bar.decidedAt) ?? null;
      for (const agent of agents) {
        if (!Number.isFinite(bar.decidedAt)) {
          if (bar.outputs[agent]) count(summary.filtered, agent, 'no-decision-time');
          continue;
        }
        // An llm run's records hold the prompts its model was sent and the answers it gave.
        const outcome = run.exchanges
          ? options.format === 'sft'
            ? modelSftRecord(agent, bar, run, labelled, options)
            : modelPreferenceRecord(bar, run, labelled)
          : options.format === 'sft'
            ? sftRecord(agent, bar, run, labelled, options)
            : preferenceRecord(bar, run, labelled, options);
        if ('skip' in outcome) {
          if (outcome.skip !== 'no-output') count(summary.filtered, agent, outcome.skip);
          continue;
        }
        records.push(outcome.record);
        summary.written[agent] = (summary.written[agent] ?? 0) + 1;
      }
    }
  }
  summary.records = records.length;
  summary.written = inAgentOrder(summary.written);
  summary.filtered = inAgentOrder(summary.filtered);
  const schema = options.format === 'sft' ? SFT_RECORD_SCHEMA : PREFERENCE_RECORD_SCHEMA;
  const lines = records.map((r) => canonicalJson(r));
  lines.forEach((line, i) => {
    const errors = validateJsonSchema(JSON.parse(line), schema);
    const m = records[i].metadata;
    if (errors.length > 0) throw new Error(`record ${m.run} ${m.date} ${m.agent} does not match its schema: ${errors.join('; ')}`);
  });
  const jsonl = lines.map((line) => `${line}\n`).join('');
  return { records, jsonl, summary };
}

type Outcome<R> = { record: R } | { skip: string };

function sftRecord(agent: SynthAgent, bar: BarTrace, run: SynthesisRun, labelled: MemoryCase | null, options: SynthesisOptions): Outcome<SftRecord> {
  const verdict = sftVerdict(agent, bar, labelsOf(labelled), options);
  if (!verdict.keep) return { skip: verdict.reason };
  const record = buildSftRecord(agent, bar, run.info, labelled);
  return record === null ? { skip: 'no-output' } : { record };
}

function preferenceRecord(bar: BarTrace, run: SynthesisRun, labelled: MemoryCase | null, options: SynthesisOptions): Outcome<PreferenceRecord> {
  return buildPreferenceRecord(bar, run.info, labelled, options.rejected);
}

/** The run's cases of its symbol by decision instant. */
function casesByInstant(cases: readonly MemoryCase[], symbol: string): Map<number, MemoryCase> {
  const out = new Map<number, MemoryCase>();
  for (const c of cases) if (c.symbol === symbol) out.set(c.decidedAt, c);
  return out;
}

/** The same entries with the agents in pipeline order (reasons sorted), for a stable summary. */
function inAgentOrder<T>(byAgent: Partial<Record<SynthAgent, T>>): Partial<Record<SynthAgent, T>> {
  const out: Partial<Record<SynthAgent, T>> = {};
  for (const a of SYNTH_AGENTS) {
    const v = byAgent[a];
    if (v === undefined) continue;
    out[a] = typeof v === 'object' && v !== null ? (Object.fromEntries(Object.entries(v).sort(([x], [y]) => (x < y ? -1 : 1))) as T) : v;
  }
  return out;
}

function count(filtered: SynthesisSummary['filtered'], agent: SynthAgent, reason: string): void {
  const byReason = (filtered[agent] ??= {});
  byReason[reason] = (byReason[reason] ?? 0) + 1;
}
