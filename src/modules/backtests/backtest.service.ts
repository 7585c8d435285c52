import { resolve } from 'node:path';
import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { ZodError } from 'zod';
import { resolveRun, ResolvedRun, RunMetrics } from '../../core/engine/execute-backtest';
import { RunSpec, RunSpecInput } from '../../core/engine/run-spec';
import { ENGINE_VERSION } from '../../core/engine/version';
import { NO_MARKET_INPUTS } from '../../core/market/market-inputs';
import { STRATEGY_KINDS } from '../../core/strategies/registry';
import { ArtifactWriter } from '../artifacts/artifact.writer';
import { resultHashAsRecorded } from '../artifacts/result-hash';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.module';
import { DataService } from '../data/data.service';
import { BudgetExceededError } from '../llm/llm-budget';
import { llmOptionsFrom } from '../llm/llm-options';
import { LlmManifest, LlmService } from '../llm/llm.service';
import { MemoryRepository } from '../persistence/memory.repository';
import { isActiveStatus, NewRun, RESUMABLE_RUN_STATUSES, RunOwner, RunRecord, RunStatus } from '../persistence/run-record';
import { RunsRepository } from '../persistence/runs.repository';
import { ActiveRuns } from './active-runs';
import { ConflictError, InputError, NotFoundError } from './input.error';
import { RunBatches, RunBatchOptions } from './run-batches';
import { RunExecutor } from './run-executor';
import { DataChangedError, RunFailedError, RunStopped, stopOf } from './run-errors';
import { OwnerWatch } from './owner-watch';
import { assertRunIdFits, newRunId } from './run-id';
import { RunManifest } from './run-manifest';
import { currentOwner } from './run-owner';
import { RunPipeline, StoredRunRequest } from './run-pipeline';
import { RunQueue } from './run-queue';
import { assertSameInputs, describeSource, replayInputRequest } from './run-replay';

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
  /** What {@link BacktestService.validate} made of `spec`, when the caller validated it already (not validated again). */
  resolved?: ResolvedRun;
}

export interface BacktestProgress {
  /** Called with the share of the run done (0..1). */
  onProgress?: (fraction: number) => void;
  /** Aborting it cancels the run, wherever it is (a {@link RunStopped} reason sets the status and reason stored). */
  signal?: AbortSignal;
}

/** A run that has been stored and is queued or executing. */
export interface StartedRun {
  id: string;
  completion: Promise<CompletedRun>;
}

/** A finished, stored run. */
export interface CompletedRun {
  record: RunRecord;
  manifest: RunManifest;
  metrics: RunMetrics;
  resultHash: string;
}

/**
 * Runs backtests and stores them: validate → queue → load data → engine (an llm-mode run in
 * this process, on its chat model; others through the RunExecutor) → metrics → artifacts →
 * database. The one place that does this for the CLI, the REST API, schedules and
 * workers. Every run ends in a final status: `done`; `failed` with its reason (and no
 * artifacts left behind); `cancelled` when asked; `interrupted` when this process stops first
 * (or, found later by RunRecovery, when it vanished); `budget_exceeded` when an llm run
 * reaches a budget. Runs wait `queued` until the executor
 * has room (`RunExecutor.concurrency`) and load their data only then. While runs are active,
 * a heartbeat marks this process alive and picks up cancels and deletes made elsewhere.
 */
@Injectable()
export class BacktestService implements OnModuleDestroy {
  private readonly pipeline: RunPipeline;
  private readonly queue: RunQueue;
  private readonly active = new ActiveRuns();
  private readonly heartbeat: OwnerWatch;
  private queueSeq = 0;

  constructor(
    private readonly runs: RunsRepository,
    memories: MemoryRepository,
    private readonly data: DataService,
    private readonly artifacts: ArtifactWriter,
    private readonly executor: RunExecutor,
    llm: LlmService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.pipeline = new RunPipeline(runs, memories, data, artifacts, executor, llm, config);
    this.queue = new RunQueue(executor.concurrency);
    this.heartbeat = new OwnerWatch('run', runs, this.active, currentOwner());
  }

  /** Validates a spec: an InputError names the first bad field. */
  validate(input: RunSpecInput): ResolvedRun {
    const withLlm = input.mode === 'llm' ? { ...input, llm: llmOptionsFrom(input.llm) } : input;
    const parsed = RunSpec.safeParse(withLlm);
    if (!parsed.success) throw InputError.fromZod(parsed.error, 'invalid backtest');
    if (parsed.data.mode === 'llm' && !STRATEGY_KINDS[parsed.data.strategy.kind]?.usesAgents) {
      throw new InputError(`invalid backtest: mode: ${parsed.data.strategy.name} is a rule strategy without agents; the llm mode needs a strategy with agents (tradinggroup)`, 'mode');
    }
    assertRunIdFits(parsed.data.strategy.name, parsed.data.symbol);
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
   * Validates and stores a run as `queued`, then executes it when its turn comes: `id` is known
   * as soon as this resolves, `completion` settles when the run has ended (rejecting with a
   * RunFailedError unless it is done).
   */
  async start(request: BacktestRequest, progress: BacktestProgress = {}): Promise<StartedRun> {
    const resolved = request.resolved ?? this.validate(request.spec);
    // A random id: one drawn twice (same strategy, symbol and second) is drawn again.
    const { id, queueSeq, stored } = await this.store(resolved, request, currentOwner(), { drawn: (spec) => newRunId(spec.strategy.name, spec.symbol) });
    return this.launch(id, queueSeq, resolved, stored, progress);
  }

  /**
   * Validates and stores a run as `queued` for another process to execute (a queue worker,
   * through {@link take}), owned by `owner` meanwhile; `idOf` names it from its spec and request.
   */
  async enqueue(request: BacktestRequest, owner: RunOwner, idOf: (spec: RunSpec, request: StoredRunRequest) => string): Promise<{ id: string; spec: RunSpec }> {
    const resolved = request.resolved ?? this.validate(request.spec);
    const { id } = await this.store(resolved, request, owner, { derived: idOf });
    return { id, spec: resolved.spec };
  }

  /**
   * Executes here a run stored by {@link enqueue}, when a queue worker takes its job: it becomes
   * this process's run (queued, then running), the artifacts of an earlier attempt removed
   * (results are only ever stored whole). A run that has ended (done, failed, cancelled) or is
   * gone is left as it is: null. `read` is the run's record when the caller has just read it
   * (taking it is conditional on its status anyway, so a record read a moment ago is as good).
   */
  async take(id: string, progress: BacktestProgress = {}, read?: RunRecord | null): Promise<StartedRun | null> {
    const record = read === undefined ? await this.runs.getRun(id) : read;
    if (!record || !TAKEABLE_STATUSES.includes(record.status)) return null;
    if (!record.request) throw new ConflictError(`run ${id} was stored without its data source and cannot be executed by a worker`);
    const resolved = this.validate(record.config as RunSpecInput);
    const queueSeq = ++this.queueSeq;
    await this.artifacts.removeRunArtifacts(this.config.backtestsDir, id);
    if (!(await this.runs.takeRun(id, currentOwner(), queueSeq))) return null;
    return this.launch(id, queueSeq, resolved, fromDirectory(record.request as unknown as StoredRunRequest), progress);
  }

  /** Whether {@link runBatched} can execute a request: a rule strategy (no agents, no llm) on an imported dataset. */
  canBatch(request: BacktestRequest): boolean {
    const { spec } = request;
    const kind = spec.strategy?.kind;
    const inputFiles = request.newsFile ?? request.fundamentalsFile ?? request.filingFile;
    return request.dataFile === undefined && inputFiles === undefined && spec.mode !== 'llm' && kind !== undefined && STRATEGY_KINDS[kind]?.usesAgents === false;
  }

  /**
   * Runs many backtests (each one {@link canBatch} accepts) in batches on `workers` worker
   * threads, each stored and with its artifacts exactly as by {@link run}, the runs of a batch
   * started and stored in one transaction; returns their records (done or failed) in request
   * order. Every request is validated before any run starts. Aborting `signal` cancels the
   * runs in progress and starts no other: a RunFailedError names the first.
   */
  async runBatched(requests: readonly BacktestRequest[], options: RunBatchOptions): Promise<RunRecord[]> {
    const planned = requests.map((request) => {
      if (!this.canBatch(request)) throw new Error(`run ${request.spec.strategy?.name} ${request.spec.symbol} cannot run in a batch: it needs agents, an llm or files`);
      return { resolved: this.validate(request.spec), request };
    });
    const requestOf = new Map(planned.map((p) => [p.resolved, p.request]));
    const owner = currentOwner();
    const batches = new RunBatches({
      runs: this.runs,
      artifacts: this.artifacts,
      active: this.active,
      heartbeat: this.heartbeat,
      backtestsDir: this.config.backtestsDir,
      dataDir: this.config.dataDir,
      newRun: (resolved) => {
        const stored = storedRequestOf(requestOf.get(resolved)!, resolved.spec.symbol);
        return newRunOf(resolved.spec, newRunId(resolved.spec.strategy.name, resolved.spec.symbol), owner, ++this.queueSeq, stored);
      },
    });
    return batches.run(planned.map((p) => p.resolved), options);
  }

  /**
   * Stores a validated run as queued, owned by `owner`, under an id `drawn` (drawn again when
   * taken) or `derived` from the run (a taken one is a RunIdTakenError: that run exists).
   */
  private async store(resolved: ResolvedRun, request: BacktestRequest, owner: RunOwner, idSource: RunIdSource) {
    const { spec } = resolved;
    const stored = storedRequestOf(request, spec.symbol);
    const queueSeq = ++this.queueSeq;
    const run = unnamedRunOf(spec, owner, queueSeq, stored);
    const record =
      'drawn' in idSource
        ? await this.runs.createRunWithFreshId(run, () => idSource.drawn(spec, stored))
        : await this.runs.createRun({ ...run, id: idSource.derived(spec, stored) });
    return { id: record.id, queueSeq, stored };
  }

  /**
   * Executes a cancelled or interrupted run again, under its own id, from the spec and the
   * request stored with it: it is queued again and its former outcome is cleared.
   */
  async resume(id: string, progress: BacktestProgress = {}): Promise<StartedRun> {
    const record = await this.runs.getRun(id);
    if (!record) throw new NotFoundError(`no run with id ${id}`);
    if (!RESUMABLE_RUN_STATUSES.includes(record.status as (typeof RESUMABLE_RUN_STATUSES)[number])) {
      throw new ConflictError(`run ${id} is ${record.status}: only ${RESUMABLE_RUN_STATUSES.join(' or ')} runs can be resumed`);
    }
    if (!record.request) throw new ConflictError(`run ${id} was stored without its data source (by an earlier version) and cannot be resumed; start it again`);
    const resolved = this.validate(record.config as RunSpecInput);
    const queueSeq = ++this.queueSeq;
    await this.artifacts.removeRunArtifacts(this.config.backtestsDir, id);
    if (!(await this.runs.requeueRun(id, currentOwner(), queueSeq))) throw new ConflictError(`run ${id} changed while it was being resumed`);
    return this.launch(id, queueSeq, resolved, fromDirectory(record.request as unknown as StoredRunRequest), progress);
  }

  /**
   * Cancels a queued or running run. One of this process stops at once (a queued one leaves
   * the queue; a running one stops its executor) and is stored as cancelled before this
   * resolves. One owned by another process is stored as cancelled here; its owner stops it
   * at its next status check (OwnerWatch). A run that already ended is a ConflictError.
   */
  async cancel(id: string, reason: string): Promise<RunRecord> {
    const record = await this.runs.getRun(id);
    if (!record) throw new NotFoundError(`no run with id ${id}`);
    const local = this.active.get(id);
    if (local) {
      this.active.stop(id, new RunStopped('cancelled', reason));
      await local.settled;
    } else if (isActiveStatus(record.status)) {
      await this.runs.cancelRun(id, reason);
    } else {
      throw new ConflictError(`run ${id} is ${record.status}: only queued or running runs can be cancelled`);
    }
    const after = await this.runs.getRun(id);
    if (after?.status !== 'cancelled') throw new ConflictError(`run ${id} ended (${after?.status ?? 'deleted'}) before it could be cancelled`);
    return after;
  }

  /**
   * Deletes a run, its stored results and its artifacts. One executing here is stopped first;
   * one executing in another process stops there at its owner's next status check.
   */
  async delete(id: string): Promise<void> {
    if (!(await this.runs.getRun(id))) throw new NotFoundError(`no run with id ${id}`);
    const local = this.active.get(id);
    if (local) {
      this.active.stop(id, new RunStopped('cancelled', `run ${id} was deleted`));
      await local.settled;
    }
    await this.runs.deleteRun(id);
    await this.artifacts.removeRunArtifacts(this.config.backtestsDir, id);
  }

  /** The live share done (0..1) of a run executing in this process. */
  progressOf(id: string): number | undefined {
    return this.active.get(id)?.fraction;
  }

  /** Runs of this process queued or running. */
  get activeCount(): number {
    return this.active.size;
  }

  /** Stops every run of this process (stored as `interrupted` with `reason`) and waits until each is stored. */
  async stopAll(reason: string): Promise<void> {
    const pending = this.active.all();
    for (const run of pending) this.active.stop(run.id, new RunStopped('interrupted', reason));
    await Promise.all(pending.map((r) => r.settled));
  }

  async onModuleDestroy(): Promise<void> {
    await this.stopAll('the process executing it stopped before the run finished');
    this.heartbeat.stop();
  }

  /** Re-runs a stored run from its manifest and compares the result hash. */
  async replay(id: string): Promise<ReplayOutcome> {
    const record = await this.runs.getRun(id);
    if (!record) throw new InputError(`no run with id ${id}`);
    if (record.status !== 'done' || !record.manifest) throw new InputError(`run ${id} is ${record.status}: only completed runs can be replayed`);
    const manifest = record.manifest as unknown as RunManifest;
    const resolved = this.validate(manifest.spec);
    const dataset = this.pipeline.load(manifest.data.source, resolved);
    if (dataset.sha256 !== manifest.data.sha256) {
      throw new DataChangedError(
        `data changed since run ${id}: ${describeSource(manifest.data.source)} had sha256 ${manifest.data.sha256}, now ${dataset.sha256}`,
      );
    }
    const keptPath = (stored: string) => this.data.keptInputPath(stored);
    const inputs = manifest.inputs ? await this.pipeline.loadInputs(resolved, replayInputRequest(manifest.inputs, keptPath), dataset.symbol) : null;
    if (manifest.inputs && inputs) assertSameInputs(id, manifest.inputs, inputs.sources);
    const marketInputs = inputs?.inputs ?? NO_MARKET_INPUTS;
    const executed =
      resolved.spec.mode === 'llm'
        ? (await this.pipeline.executeLlm(id, resolved, dataset, marketInputs, {}, llmManifestOf(manifest))).executed
        : await this.executor.execute(resolved, dataset.series, marketInputs, () => undefined);
    const actual = resultHashAsRecorded(executed.result, executed.metrics, record.resultHash);
    return {
      id,
      expected: record.resultHash ?? '',
      actual,
      identical: actual === record.resultHash,
      engineVersion: { recorded: manifest.engineVersion, current: ENGINE_VERSION },
    };
  }

  /** Registers a stored, queued run as active here and executes it when the queue admits it. */
  private launch(id: string, queueSeq: number, resolved: ResolvedRun, request: StoredRunRequest, progress: BacktestProgress): StartedRun {
    const controller = new AbortController();
    const external = progress.signal;
    if (external?.aborted) controller.abort(external.reason);
    else external?.addEventListener('abort', () => controller.abort(external.reason), { once: true });
    const active = this.active.add(id, controller);
    this.heartbeat.wake();
    const onProgress = (f: number) => {
      active.fraction = f;
      progress.onProgress?.(f);
    };
    const completion = this.complete(id, queueSeq, resolved, request, onProgress, controller.signal);
    active.settled = completion.then(
      () => undefined,
      () => undefined,
    ).finally(() => {
      this.active.delete(id);
      this.heartbeat.settle();
    });
    // The caller may not wait for completion; the outcome is stored on the run either way.
    completion.catch(() => undefined);
    return { id, completion };
  }

  private async complete(id: string, queueSeq: number, resolved: ResolvedRun, request: StoredRunRequest, onProgress: (f: number) => void, signal: AbortSignal): Promise<CompletedRun> {
    let release: (() => void) | undefined;
    try {
      release = await this.queue.enter(id, queueSeq, signal);
      if (!(await this.runs.markRunning(id))) {
        const now = await this.runs.getRun(id);
        throw new RunStopped('cancelled', now ? `run ${id} was ${now.status} before it started` : `run ${id} was deleted before it started`);
      }
      return await this.pipeline.execute(id, resolved, request, onProgress, signal);
    } catch (e) {
      await this.artifacts.removeRunArtifacts(this.config.backtestsDir, id);
      const stop = stopOf(e, signal);
      if (stop) {
        if (stop.status === 'interrupted') await this.runs.interruptRun(id, stop.message, currentOwner().token);
        else await this.runs.cancelRun(id, stop.message);
        throw new RunFailedError(id, stop, stop.status);
      }
      if (e instanceof BudgetExceededError) {
        await this.runs.budgetExceeded(id, e.message);
        throw new RunFailedError(id, e, 'budget_exceeded');
      }
      await this.runs.failRun(id, (e as Error).message);
      throw new RunFailedError(id, e as Error);
    } finally {
      release?.();
    }
  }
}

/** How a new run's id is made: drawn at random in part, or derived from the run itself. */
type RunIdSource = { drawn: (spec: RunSpec, request: StoredRunRequest) => string } | { derived: (spec: RunSpec, request: StoredRunRequest) => string };

/** Statuses in which a queue worker takes a run: waiting for it, or left by a worker that vanished. */
const TAKEABLE_STATUSES: readonly RunStatus[] = ['queued', 'running', 'interrupted'];

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


/** The run stored for a validated spec, under `id`. */
function newRunOf(spec: RunSpec, id: string, owner: RunOwner, queueSeq: number, request: StoredRunRequest): NewRun {
  return { id, ...unnamedRunOf(spec, owner, queueSeq, request) };
}

/** The run stored for a validated spec, before its id is drawn or derived. */
function unnamedRunOf(spec: RunSpec, owner: RunOwner, queueSeq: number, request: StoredRunRequest): Omit<NewRun, 'id'> {
  return {
    strategy: spec.strategy.name,
    symbol: spec.symbol,
    profile: spec.profile,
    mode: spec.mode,
    fromDate: spec.from,
    toDate: spec.to,
    config: spec,
    owner,
    queueSeq,
    request,
  };
}

/** Where a request's data and inputs come from, as stored with the run. */
function storedRequestOf(request: BacktestRequest, symbol: string): StoredRunRequest {
  const source: StoredRunRequest['source'] = request.dataFile
    ? { kind: 'file', path: request.dataFile, symbol, onBadRow: request.onBadRow ?? 'error' }
    : { kind: 'dataset', symbol };
  const inputs = { newsFile: request.newsFile, fundamentalsFile: request.fundamentalsFile, filingFile: request.filingFile, aliases: request.aliases };
  return { source, inputs, cwd: process.cwd() };
}

/** A stored request with its relative file paths made absolute against the directory they were given in. */
function fromDirectory(stored: StoredRunRequest): StoredRunRequest {
  const at = (path: string | undefined) => (path === undefined || stored.cwd === undefined ? path : resolve(stored.cwd, path));
  const source = stored.source.kind === 'file' ? { ...stored.source, path: at(stored.source.path)! } : stored.source;
  const { newsFile, fundamentalsFile, filingFile } = stored.inputs;
  return { ...stored, source, inputs: { ...stored.inputs, newsFile: at(newsFile), fundamentalsFile: at(fundamentalsFile), filingFile: at(filingFile) } };
}
