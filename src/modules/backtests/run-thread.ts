import { parentPort } from 'node:worker_threads';
import { plainOutput } from '../../core/agents/agent';
import { BacktestResult } from '../../core/engine/backtest-result';
import { RunHaltedError } from '../../core/engine/engine';
import { executeBacktest, resolveRun } from '../../core/engine/execute-backtest';
import { isShared } from '../../core/market/float-column';
import { wholeContent } from '../artifacts/artifact-content';
import { encodeRunSeriesAtOnce } from '../persistence/run-series.store';
import { prepareRunOutputs } from './run-outputs';
import type { RunWorkerData, RunWorkerMessage } from './run-thread-messages';

/*
 * What a run thread of WorkerThreadRunExecutor does (run.worker.ts loads it): for each run it
 * is sent, runs the pure engine on the spec and series and posts progress, then the result and,
 * when asked, the run's outputs and its series encoded for storing (or the error), to the
 * parent; then it waits for the next run. The spec is resolved again here: a ResolvedRun holds
 * the profile's functions, which cannot be cloned, and resolving is deterministic, so both
 * threads see the same engine settings and parameters. A run the parent stops (its stop flag
 * set) ends at the engine's next check or before the next step after it, with a
 * RunHaltedError, and the thread waits for the next run: a new thread would compile the
 * engine's code again, on the cores that serve requests.
 */

function post(message: RunWorkerMessage, transfer: ArrayBuffer[] = []): void {
  parentPort!.postMessage(message, transfer);
}

/** The distinct buffers under the result's per-bar arrays, handed over instead of copied (shared ones are seen as they are). */
function resultBuffers(result: BacktestResult): ArrayBuffer[] {
  const arrays = [result.time, result.equity, result.cash, result.position, result.close, result.tradingDay];
  return [...new Set(arrays.filter((a) => !isShared(a)).map((a) => a.buffer as ArrayBuffer))];
}

function main(data: RunWorkerData, stopFlag: Int32Array): void {
  const shouldStop = () => Atomics.load(stopFlag, 0) !== 0;
  const unlessStopped = (step: string) => {
    if (shouldStop()) throw new RunHaltedError(`the run was stopped before ${step}`);
  };
  try {
    const resolved = resolveRun(data.spec);
    const executed = executeBacktest(resolved, data.series, { onProgress: (fraction) => post({ type: 'progress', fraction }), shouldStop }, data.inputs);
    unlessStopped('its outputs were made');
    const prepared = data.outputs ? prepareRunOutputs(data.outputs, resolved, executed) : undefined;
    unlessStopped('its series were encoded');
    const series = data.outputs ? encodeRunSeriesAtOnce(data.outputs.id, executed.result) : undefined;
    unlessStopped('its result was sent');
    // Files made as they are written cannot be cloned: they are handed over whole.
    const outputs = prepared && { ...prepared, files: Object.fromEntries(Object.entries(prepared.files).map(([name, content]) => [name, wholeContent(content)])) };
    // With the series made here the trace is in it: copying it to the parent would cost the
    // serving thread more than storing the run. Else the structured clone copies own fields
    // only: outputs explained on demand are written out first.
    const trace = series ? [] : executed.result.trace.map((e) => ({ ...e, output: plainOutput(e.output) }));
    const result = { ...executed.result, trace };
    post({ type: 'done', result, metrics: executed.metrics, ...(outputs && { outputs }), ...(series && { series }) }, resultBuffers(result));
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    post({ type: 'error', name: e.name, message: e.message });
  }
}

/** Executes each run the parent sends, one after another, stopping one when `stopFlag` is set. */
export function serveRuns(stopFlag: Int32Array): void {
  parentPort!.on('message', (data: RunWorkerData) => main(data, stopFlag));
}
