import { setMaxListeners } from 'node:events';
import { ExecutedBacktest, executeBacktestAsync, ResolvedRun } from '../../core/engine/execute-backtest';
import { MarketInputs, NO_MARKET_INPUTS } from '../../core/market/market-inputs';
import { STRATEGY_KINDS } from '../../core/strategies/registry';
import { equityCsv } from '../artifacts/artifact-csv';
import { EQUITY_CSV_THREAD_ROWS } from '../artifacts/equity-csv.thread';
import { ARTIFACT_FILES } from '../artifacts/artifact-paths';
import { ArtifactDraft, ArtifactWriter } from '../artifacts/artifact.writer';
import { AppConfig } from '../config/app-config';
import { faultPoint } from '../config/fault-points';
import { collectGarbage } from '../config/garbage-collection';
import { DataService } from '../data/data.service';
import { LoadedDataset } from '../data/price-file.source';
import { fallbacksOf } from '../llm/llm-usage';
import { LlmManifest, LlmService } from '../llm/llm.service';
import { MemoryRepository } from '../persistence/memory.repository';
import type { RunCompletion } from '../persistence/run-record';
import type { EquityBlockPieces } from '../persistence/run-series.codec';
import { RunsRepository } from '../persistence/runs.repository';
import type { CompletedRun } from './backtest.service';
import { InputError } from './input.error';
import { InputRequest, LoadedInputs, loadMarketInputs } from './market-inputs.loader';
import { ExecutedRun, RunExecutor } from './run-executor';
import { RunStopped } from './run-errors';
import { DataSource, datasetFacts } from './run-manifest';
import { prepareRunOutputsWithTurns, RunOutputs, RunOutputsInput } from './run-outputs';
import { replayPath } from './run-replay';
import { stageTimer } from './stage-timings';

/**
 * From this many bars on, a run's results are stored while its artifact files are written: the
 * runs whose equity.csv is long enough to be written on a thread of its own.
 */
export const OVERLAPPED_STORE_MIN_BARS = EQUITY_CSV_THREAD_ROWS;

/**
 * From this many bars on, a run collects its garbage once its engine is done and once its
 * outputs are made (collectGarbage): the columns only the engine read, then the report's
 * full-length curves, are let go before the memory of the next step is taken. A collection
 * takes 10 to 20 ms; such a run's finishing, a second.
 */
export const COLLECTING_RUN_MIN_BARS = 100_000;

/** The input files of a run (news, fundamentals, filing, aliases); the symbol comes from the data. */
export type RunInputRequest = Omit<InputRequest, 'symbol'>;

/**
 * What a run reads, stored with it so that it can be executed again under its id; `cwd` is the
 * directory relative file paths were given in.
 */
export interface StoredRunRequest {
  source: DataSource;
  inputs: RunInputRequest;
  cwd?: string;
}

/**
 * The steps of one admitted run: load the data → engine (through the RunExecutor, or in this
 * process on its chat model for an llm run) → manifest,
 * result hash and report → artifacts → results stored. `signal` is checked between the steps
 * and handed to the executor and the artifact writer, so a stop takes effect at the next one.
 * (A part of the BacktestService, built by it with its own executor.)
 */
export class RunPipeline {
  constructor(
    private readonly runs: RunsRepository,
    private readonly memories: MemoryRepository,
    private readonly data: DataService,
    private readonly artifacts: ArtifactWriter,
    private readonly executor: RunExecutor,
    private readonly llm: LlmService,
    private readonly config: AppConfig,
  ) {}

  async execute(id: string, resolved: ResolvedRun, request: StoredRunRequest, onProgress: (fraction: number) => void, signal: AbortSignal): Promise<CompletedRun> {
    const { timings, lap } = stageTimer();
    await faultPoint('run-started', signal);
    const { executed, outputsInput } = await this.loadAndExecute(id, resolved, request, onProgress, signal, lap);
    const collecting = executed.result.equity.length >= COLLECTING_RUN_MIN_BARS;
    if (collecting) collectGarbage();
    // An executor that ran the engine elsewhere made the outputs there; a run executed on this
    // thread makes them here, once its equity.csv is started (a long run's is written on a
    // thread of its own while the result hash and the report are made).
    let draft: ArtifactDraft | null = null;
    let outputs: RunOutputs;
    // A long run's stored equity block is made by the thread writing its equity.csv, from the same rows.
    let equityBlock: Promise<EquityBlockPieces> | undefined;
    if (executed.outputs) outputs = executed.outputs;
    else {
      draft = await this.artifacts.begin(this.config.backtestsDir, id);
      try {
        await draft.write(ARTIFACT_FILES.equity, equityCsv(executed.result, { storedBlock: (block) => (equityBlock = block) }));
        outputs = await prepareRunOutputsWithTurns(outputsInput, resolved, executed);
        if (collecting) collectGarbage();
      } catch (error) {
        await draft.discard();
        throw error;
      }
    }
    const { manifest, resultHash: hash, files } = outputs;
    lap('outputsMs');
    const finish = async (): Promise<RunCompletion> => {
      const dir = draft ? await this.artifacts.complete(draft, filesBut(files, ARTIFACT_FILES.equity), signal) : await this.artifacts.writeFiles(this.config.backtestsDir, id, files, signal);
      lap('artifactsMs');
      await faultPoint('before-store', signal);
      signal.throwIfAborted();
      return { manifest, metrics: executed.metrics, timings, resultHash: hash, artifactsDir: dir, namedMemory: namedMemoryOf(resolved) };
    };
    // A long run's results are written to the database while its artifact files are (its
    // equity.csv takes as long as its rows take to store); the run is done once both are. Any
    // other run writes its files first: its transaction then holds the database's write lock
    // only for its statements, not for the file writes, and new runs submitted meanwhile (a
    // burst of POSTs) wait that much less for their commit.
    const stored =
      executed.result.equity.length >= OVERLAPPED_STORE_MIN_BARS
        ? await this.runs.completeRunWhile(id, executed.result, finish, executed.series, equityBlock)
        : await this.runs.completeRun(id, await finish(), executed.result, executed.series);
    // Another process ended or deleted the run while it executed: its outcome stands.
    if (!stored) throw new RunStopped('cancelled', `run ${id} was ended by another process before its results were stored`);
    lap('storeMs');
    const record = (await this.runs.getRun(id))!;
    return { record, manifest, metrics: executed.metrics, resultHash: hash };
  }

  /**
   * Loads the run's data and inputs and executes it. Its own method so that the loaded columns
   * are let go once the engine is done: the result keeps the few it reads (a suspended async
   * function keeps every local, used again or not).
   */
  private async loadAndExecute(
    id: string,
    resolved: ResolvedRun,
    request: StoredRunRequest,
    onProgress: (fraction: number) => void,
    signal: AbortSignal,
    lap: (name: string) => void,
  ): Promise<{ executed: ExecutedRun; outputsInput: RunOutputsInput }> {
    const dataset = this.load(request.source, resolved);
    const source = this.keep(request.source, dataset);
    signal.throwIfAborted();
    const inputs = await this.loadInputs(resolved, request.inputs, dataset.symbol);
    signal.throwIfAborted();
    lap('loadMs');
    // Progress writes are queued in order and awaited once the engine has finished.
    let lastReport = 0;
    let progressWrites: Promise<void> = Promise.resolve();
    const reportProgress = (f: number) => {
      onProgress(f);
      if (f - lastReport >= 0.1 || f === 1) {
        lastReport = f;
        progressWrites = progressWrites.then(() => this.runs.updateProgress(id, f));
      }
    };
    const running = await this.runs.getRun(id);
    if (!running) throw new RunStopped('cancelled', `run ${id} was deleted`);
    const outputsInput: RunOutputsInput = {
      id,
      record: running,
      source,
      data: datasetFacts(dataset),
      inputs: inputs?.sources ?? null,
      notes: [...(dataset.skippedRows > 0 ? [`${dataset.skippedRows} bad price rows were skipped (--on-bad-row skip)`] : []), ...(inputs?.notes ?? [])],
      llm: null,
    };
    const marketInputs = inputs?.inputs ?? NO_MARKET_INPUTS;
    let executed: ExecutedRun;
    if (resolved.spec.mode === 'llm') {
      const run = await this.executeLlm(id, resolved, dataset, marketInputs, { onProgress: reportProgress, signal });
      executed = run.executed;
      outputsInput.llm = { ...run.manifest, fallbacks: fallbacksOf(executed.result.trace) };
      outputsInput.llmUsage = await this.llm.usage(id, { llm: outputsInput.llm });
    } else {
      executed = await this.executor.execute(resolved, dataset.series, marketInputs, reportProgress, signal, outputsInput);
    }
    await progressWrites;
    signal.throwIfAborted();
    lap('engineMs');
    return { executed, outputsInput };
  }

  /**
   * An llm-mode run: in this process (it waits on the model, not on the CPU), every exchange
   * stored with the run as it ends. A replay is served from the run's record alone.
   */
  async executeLlm(
    id: string,
    resolved: ResolvedRun,
    dataset: LoadedDataset,
    inputs: MarketInputs,
    hooks: { onProgress?: (f: number) => void; signal?: AbortSignal },
    replayOf?: LlmManifest,
  ): Promise<{ executed: ExecutedBacktest; manifest: LlmManifest }> {
    // Requests still in flight when the run ends (asked ahead, or after a failure) are aborted.
    const calls = new AbortController();
    // Every request and every wait in the concurrency gate listens to it: many at once is expected.
    setMaxListeners(0, calls.signal);
    const onAbort = () => calls.abort(hooks.signal!.reason);
    hooks.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const prepared = await this.llm.prepare(id, resolved.spec, resolved.params, dataset.series, inputs.aliases, { signal: calls.signal, replayOf });
      try {
        const executed = await executeBacktestAsync(resolved, dataset.series, { onProgress: hooks.onProgress, signal: hooks.signal }, inputs, prepared.runtime);
        return { executed, manifest: prepared.manifest };
      } finally {
        calls.abort(new Error(`run ${id} ended`));
        await prepared.chat.flush();
      }
    } finally {
      hooks.signal?.removeEventListener('abort', onAbort);
    }
  }

  /** News, earnings, filing and memory for a strategy with agents; null for rule strategies. */
  async loadInputs(resolved: ResolvedRun, request: RunInputRequest, symbol: string): Promise<LoadedInputs | null> {
    if (!STRATEGY_KINDS[resolved.spec.strategy.kind]?.usesAgents) return null;
    return loadMarketInputs(this.data, this.memories, { ...request, symbol, memory: namedMemoryOf(resolved) ?? undefined });
  }

  load(source: DataSource, resolved: ResolvedRun): LoadedDataset {
    const adjust = resolved.adjust;
    if (source.kind === 'file') {
      const path = replayPath(source, (stored) => this.data.keptInputPath(stored))!;
      return this.data.loadFile(path, { symbol: source.symbol, adjust, onBadRow: source.onBadRow });
    }
    return this.data.loadSymbol(source.symbol, { adjust });
  }

  /** A price file a run read is kept under its SHA-256, and its source records the copy. */
  private keep(source: DataSource, dataset: LoadedDataset): DataSource {
    if (source.kind !== 'file' || source.stored !== undefined) return source;
    const kept = this.data.keepInputFile(source.path, dataset.sha256);
    return { ...source, name: kept.name, stored: kept.stored };
  }
}

/** The files but one (written already). */
function filesBut<T>(files: Record<string, T>, written: string): Record<string, T> {
  return Object.fromEntries(Object.entries(files).filter(([name]) => name !== written));
}

/** The named memory a run reads and adds to, or null for the run-scoped default. */
export function namedMemoryOf(resolved: ResolvedRun): string | null {
  const reflection = (resolved.params as { reflection?: { scope?: string; memory?: string } }).reflection;
  if (reflection?.scope !== 'named') return null;
  if (!reflection.memory) throw new InputError('strategy.params.reflection.memory: a memory name is required when scope is named', 'strategy.params.reflection.memory');
  return reflection.memory;
}
