import { setMaxListeners } from 'node:events';
import { Inject, Injectable } from '@nestjs/common';
import { ZodError } from 'zod';
import { ExecutedBacktest, executeBacktestAsync, resolveRun, ResolvedRun } from '../../core/engine/execute-backtest';
import { RunSpec, RunSpecInput } from '../../core/engine/run-spec';
import { ENGINE_VERSION } from '../../core/engine/version';
import { MarketInputs, NO_MARKET_INPUTS } from '../../core/market/market-inputs';
import { BudgetExceededError } from '../llm/llm-budget';
import { llmOptionsFrom } from '../llm/llm-options';
import { fallbacksOf } from '../llm/llm-usage';
import { LlmManifest, LlmService } from '../llm/llm.service';
import { STRATEGY_KINDS } from '../../core/strategies/registry';
import { ArtifactWriter } from '../artifacts/artifact.writer';
import { resultHash } from '../artifacts/result-hash';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.module';
import { DataService } from '../data/data.service';
import { LoadedDataset } from '../data/price-file.source';
import { MemoryRepository } from '../persistence/memory.repository';
import { JsonObject, RunRecord } from '../persistence/run-record';
import { RunsRepository } from '../persistence/runs.repository';
import { renderRunReport, reportDataFromResult } from '../report';
import { InputError } from './input.error';
import { InputRequest, LoadedInputs, loadMarketInputs } from './market-inputs.loader';
import { RunExecutor } from './run-executor';
import { DataChangedError, RunFailedError } from './run-errors';
import { newRunId } from './run-id';
import { buildManifest, DataSource, RunManifest } from './run-manifest';
import { assertSameInputs, describeSource, replayInputRequest, replayPath } from './run-replay';
import { timelineOf, traceNotes } from './run-timeline';

/** A backtest to run: its spec and, optionally, files to read instead of imported datasets. */
export interface BacktestRequest {
  spec: RunSpecInput;
  /** Run on this price CSV directly, without importing it. */
  dataFile?: string;
  onBadRow?: 'error' | 'skip';
  /** News, earnings and filing files for strategies with agents (else imported data is used). */
  newsFile?: string;
  fundamentalsFile?: string;
  filingFile?: string;
  /** Names the news may use for the symbol (e.g. the company name). */
  aliases?: string[];
}

export interface BacktestProgress {
  /** Called with the share of the run done (0..1). */
  onProgress?: (fraction: number) => void;
  /** Aborting it cancels the run (where the executor can interrupt the engine). */
  signal?: AbortSignal;
}

/** A run that has been stored and is executing. */
export interface StartedRun {
  id: string;
  completion: Promise<CompletedRun>;
}

/** A finished, stored run. */
export interface CompletedRun {
  record: RunRecord;
  manifest: RunManifest;
  executed: ExecutedBacktest;
  resultHash: string;
  dataset: LoadedDataset;
}

/**
 * Runs a backtest and stores it: validate → load data → engine → metrics → artifacts →
 * database. The one place that does this for the CLI, the REST API, schedules and workers.
 * A run that fails is stored as `failed` with its reason, and leaves no artifacts behind.
 */
@Injectable()
export class BacktestService {
  constructor(
    private readonly runs: RunsRepository,
    private readonly memories: MemoryRepository,
    private readonly data: DataService,
    private readonly artifacts: ArtifactWriter,
    private readonly executor: RunExecutor,
    private readonly llm: LlmService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Validates a spec: an InputError names the first bad field. */
  validate(input: RunSpecInput): ResolvedRun {
    const withLlm = input.mode === 'llm' ? { ...input, llm: llmOptionsFrom(input.llm) } : input;
    const parsed = RunSpec.safeParse(withLlm);
    if (!parsed.success) throw InputError.fromZod(parsed.error, 'invalid backtest');
    if (parsed.data.mode === 'llm' && !STRATEGY_KINDS[parsed.data.strategy.kind]?.usesAgents) {
      throw new InputError(`invalid backtest: mode: ${parsed.data.strategy.name} is a rule strategy without agents; the llm mode needs a strategy with agents (tradinggroup)`, 'mode');
    }
    try {
      return resolveRun(parsed.data);
    } catch (e) {
      if (e instanceof ZodError) throw InputError.fromZod(e, `invalid parameters for ${parsed.data.strategy.kind}`, 'strategy.params');
      throw e;
    }
  }

  /** Runs a backtest to the end. */
  async run(request: BacktestRequest, progress: BacktestProgress = {}): Promise<CompletedRun> {
    return (await this.start(request, progress)).completion;
  }

  /**
   * Validates and stores a run as `queued`, then executes it in the background: `id` is known
   * as soon as this resolves, `completion` settles when the run is done, failed or cancelled.
   */
  async start(request: BacktestRequest, progress: BacktestProgress = {}): Promise<StartedRun> {
    const resolved = this.validate(request.spec);
    const { spec } = resolved;
    const id = newRunId(spec.strategy.name, spec.symbol);
    await this.runs.createRun({
      id,
      strategy: spec.strategy.name,
      symbol: spec.symbol,
      profile: spec.profile,
      mode: spec.mode,
      fromDate: spec.from,
      toDate: spec.to,
      config: spec,
    });
    const completion = this.complete(id, resolved, this.sourceOf(request, spec.symbol), inputRequestOf(request), progress);
    // The caller may not wait for completion; failures are recorded on the run either way.
    completion.catch(() => undefined);
    return { id, completion };
  }

  private async complete(id: string, resolved: ResolvedRun, source: DataSource, inputs: Omit<InputRequest, 'symbol'>, progress: BacktestProgress): Promise<CompletedRun> {
    await this.runs.markRunning(id);
    try {
      return await this.execute(id, resolved, source, inputs, progress);
    } catch (e) {
      await this.artifacts.removeRunArtifacts(this.config.backtestsDir, id);
      if (progress.signal?.aborted) {
        await this.runs.cancelRun(id);
        throw new RunFailedError(id, new Error(`run ${id} was cancelled`));
      }
      if (e instanceof BudgetExceededError) {
        await this.runs.budgetExceeded(id, e.message);
        throw new RunFailedError(id, e);
      }
      await this.runs.failRun(id, (e as Error).message);
      throw new RunFailedError(id, e as Error);
    }
  }

  /** Re-runs a stored run from its manifest and compares the result hash. */
  async replay(id: string): Promise<ReplayOutcome> {
    const record = await this.runs.getRun(id);
    if (!record) throw new InputError(`no run with id ${id}`);
    if (record.status !== 'done' || !record.manifest) throw new InputError(`run ${id} is ${record.status}: only completed runs can be replayed`);
    const manifest = record.manifest as unknown as RunManifest;
    const resolved = this.validate(manifest.spec);
    const dataset = this.load(manifest.data.source, resolved);
    if (dataset.sha256 !== manifest.data.sha256) {
      throw new DataChangedError(
        `data changed since run ${id}: ${describeSource(manifest.data.source)} had sha256 ${manifest.data.sha256}, now ${dataset.sha256}`,
      );
    }
    const keptPath = (stored: string) => this.data.keptInputPath(stored);
    const inputs = manifest.inputs ? await this.loadInputs(resolved, replayInputRequest(manifest.inputs, keptPath), dataset.symbol) : null;
    if (manifest.inputs && inputs) assertSameInputs(id, manifest.inputs, inputs.sources);
    const marketInputs = inputs?.inputs ?? NO_MARKET_INPUTS;
    const executed =
      resolved.spec.mode === 'llm'
        ? (await this.executeLlm(id, resolved, dataset, marketInputs, {}, llmManifestOf(manifest))).executed
        : await this.executor.execute(resolved, dataset.series, marketInputs, () => undefined);
    const actual = resultHash(executed.result, executed.metrics);
    return {
      id,
      expected: record.resultHash ?? '',
      actual,
      identical: actual === record.resultHash,
      engineVersion: { recorded: manifest.engineVersion, current: ENGINE_VERSION },
    };
  }

  private async execute(id: string, resolved: ResolvedRun, source: DataSource, inputRequest: Omit<InputRequest, 'symbol'>, progress: BacktestProgress): Promise<CompletedRun> {
    const timings: Record<string, number> = {};
    let t = performance.now();
    const lap = (name: string) => {
      const now = performance.now();
      timings[name] = Math.round((now - t) * 1000) / 1000;
      t = now;
    };
    const dataset = this.load(source, resolved);
    source = this.keep(source, dataset);
    const inputs = await this.loadInputs(resolved, inputRequest, dataset.symbol);
    lap('loadMs');
    // Progress writes are queued in order and awaited once the engine has finished.
    let lastReport = 0;
    let progressWrites: Promise<void> = Promise.resolve();
    const onProgress = (f: number) => {
      progress.onProgress?.(f);
      if (f - lastReport >= 0.1 || f === 1) {
        lastReport = f;
        progressWrites = progressWrites.then(() => this.runs.updateProgress(id, f));
      }
    };
    const marketInputs = inputs?.inputs ?? NO_MARKET_INPUTS;
    let llm: LlmManifest | null = null;
    let executed: ExecutedBacktest;
    if (resolved.spec.mode === 'llm') {
      ({ executed, manifest: llm } = await this.executeLlm(id, resolved, dataset, marketInputs, { onProgress, signal: progress.signal }));
    } else {
      executed = await this.executor.execute(resolved, dataset.series, marketInputs, onProgress, progress.signal);
    }
    await progressWrites;
    lap('engineMs');
    const notes = [
      ...(dataset.skippedRows > 0 ? [`${dataset.skippedRows} bad price rows were skipped (--on-bad-row skip)`] : []),
      ...(inputs?.notes ?? []),
      ...executed.result.notes,
      ...traceNotes(executed.result.trace),
    ];
    if (llm) llm.fallbacks = fallbacksOf(executed.result.trace);
    const manifest = buildManifest(id, resolved, source, dataset, executed, inputs?.sources ?? null, notes, llm);
    const hash = resultHash(executed.result, executed.metrics);
    const running = (await this.runs.getRun(id))!;
    const report = renderRunReport(
      reportDataFromResult({ ...running, status: 'done', manifest: manifest as unknown as JsonObject, resultHash: hash }, executed.result, executed.metrics, {
        notes,
        timeline: timelineOf(executed.result.trace),
        orders: executed.result.orders,
        ...(llm && { llmUsage: await this.llm.usage(id, { llm }) }),
      }),
    );
    const dir = await this.artifacts.write(this.config.backtestsDir, id, {
      manifest,
      metrics: { ...executed.metrics, resultHash: hash },
      result: executed.result,
      files: { 'report.html': report },
    });
    lap('artifactsMs');
    await this.runs.completeRun(
      id,
      { manifest, metrics: executed.metrics, timings, resultHash: hash, artifactsDir: dir, namedMemory: namedMemoryOf(resolved) },
      executed.result,
    );
    lap('storeMs');
    const record = (await this.runs.getRun(id))!;
    return { record, manifest, executed, resultHash: hash, dataset };
  }

  /**
   * An llm-mode run: in this process (it waits on the model, not on the CPU), every exchange
   * stored with the run as it ends. A replay is served from the run's record alone.
   */
  private async executeLlm(
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
  private async loadInputs(resolved: ResolvedRun, request: Omit<InputRequest, 'symbol'>, symbol: string): Promise<LoadedInputs | null> {
    if (!STRATEGY_KINDS[resolved.spec.strategy.kind]?.usesAgents) return null;
    return loadMarketInputs(this.data, this.memories, { ...request, symbol, memory: namedMemoryOf(resolved) ?? undefined });
  }

  private sourceOf(request: BacktestRequest, symbol: string): DataSource {
    if (request.dataFile) return { kind: 'file', path: request.dataFile, symbol, onBadRow: request.onBadRow ?? 'error' };
    return { kind: 'dataset', symbol };
  }

  private load(source: DataSource, resolved: ResolvedRun): LoadedDataset {
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

export interface ReplayOutcome {
  id: string;
  expected: string;
  actual: string;
  identical: boolean;
  engineVersion: { recorded: string; current: string };
}

/** What an llm run's manifest recorded of its prompts and anonymization (a replay needs both). */
function llmManifestOf(manifest: RunManifest): LlmManifest {
  if (!manifest.llm) throw new InputError(`run ${manifest.runId} is an llm run without a record of its prompts: it cannot be replayed`);
  return manifest.llm;
}

/** The input files of a request (paths resolved by the caller). */
function inputRequestOf(request: BacktestRequest): Omit<InputRequest, 'symbol'> {
  return { newsFile: request.newsFile, fundamentalsFile: request.fundamentalsFile, filingFile: request.filingFile, aliases: request.aliases };
}

/** The named memory a run reads and adds to, or null for the run-scoped default. */
function namedMemoryOf(resolved: ResolvedRun): string | null {
  const reflection = (resolved.params as { reflection?: { scope?: string; memory?: string } }).reflection;
  if (reflection?.scope !== 'named') return null;
  if (!reflection.memory) throw new InputError('strategy.params.reflection.memory: a memory name is required when scope is named', 'strategy.params.reflection.memory');
  return reflection.memory;
}
