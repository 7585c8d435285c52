import { ExecutedBacktest, ResolvedRun } from '../../core/engine/execute-backtest';
import { ArtifactContent, textContent } from '../artifacts/artifact-content';
import { renderArtifactFiles } from '../artifacts/artifact-files';
import { resultHash } from '../artifacts/result-hash';
import type { LlmUsageSummary } from '../llm/llm-usage';
import type { LlmManifest } from '../llm/llm.service';
import type { JsonObject, RunRecord } from '../persistence/run-record';
import { buildReportView, reportDataFromResult, reportPieces } from '../report';
import type { InputSources } from './market-inputs.loader';
import { buildManifest, DataSource, DatasetFacts, RunManifest } from './run-manifest';
import { runNotes } from '../../core/engine/trace-notes';
import { timelineOf } from './run-timeline';

/**
 * What a run's outputs are made from besides its result. Plain data: the worker-thread
 * executor sends it to the worker, which makes the outputs there, off the thread that serves.
 */
export interface RunOutputsInput {
  id: string;
  /** The run's record while it runs (the report's header). */
  record: RunRecord;
  source: DataSource;
  data: DatasetFacts;
  inputs: InputSources | null;
  /** Notes known before the engine ran: skipped rows, missing inputs. */
  notes: string[];
  llm: LlmManifest | null;
  llmUsage?: LlmUsageSummary;
}

/** A finished run's manifest, result hash and artifact files. */
export interface RunOutputs {
  manifest: RunManifest;
  resultHash: string;
  /** Every file of `backtests/<run-id>/` by name, report.html included. */
  files: Record<string, ArtifactContent>;
}

/**
 * The outputs of a finished run: its notes (the engine's and the decision trace's after those
 * known before), manifest, result hash, HTML report and artifact files. The costly part of
 * finishing a run (hashing the result, rendering the report and the CSV files) is all here.
 */
export function prepareRunOutputs(input: RunOutputsInput, resolved: ResolvedRun, executed: ExecutedBacktest): RunOutputs {
  const steps = runOutputSteps(input, resolved, executed);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * {@link prepareRunOutputs} giving the event loop a turn between its steps (after the result
 * hash, the report's data and its view): a thread writing the run's equity.csv meanwhile is
 * handed its next rows then.
 */
export async function prepareRunOutputsWithTurns(input: RunOutputsInput, resolved: ResolvedRun, executed: ExecutedBacktest): Promise<RunOutputs> {
  const steps = runOutputSteps(input, resolved, executed);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

function* runOutputSteps(input: RunOutputsInput, resolved: ResolvedRun, executed: ExecutedBacktest): Generator<void, RunOutputs> {
  const { result, metrics } = executed;
  const notes = runNotes(input.notes, result);
  const manifest = buildManifest(input.id, resolved, input.source, input.data, executed, input.inputs, notes, input.llm);
  const hash = resultHash(result, metrics);
  yield;
  const reportData = reportDataFromResult({ ...input.record, status: 'done', manifest: manifest as unknown as JsonObject, resultHash: hash }, result, metrics, {
    notes,
    timeline: timelineOf(result.trace),
    ...(input.llmUsage && { llmUsage: input.llmUsage }),
  });
  yield;
  const view = buildReportView(reportData);
  yield;
  // report.html is made from the view as it is written.
  const files = renderArtifactFiles({ manifest, metrics: { ...metrics, resultHash: hash }, result, files: { 'report.html': textContent(() => reportPieces(view)) } });
  return { manifest, resultHash: hash, files };
}
