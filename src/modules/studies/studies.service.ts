import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { Inject, Injectable, OnModuleDestroy, Optional } from '@nestjs/common';
import { RunSpecInput } from '../../core/engine/run-spec';
import { GridSyntaxError, parseParameterGrid, ParameterGrid } from '../../core/studies/parameter-grid';
import { DayWindow, parseSpan, rollingWindows, Span, SpanSyntaxError, walkForwardFolds, WalkForwardFold } from '../../core/studies/rolling-windows';
import { metricOf, rankBy, StudyMetric } from '../../core/studies/study-metric';
import { chooseOnTraining, summarizeSweep, summarizeWalkForward } from '../../core/studies/sweep-summary';
import { summarizeEvaluation } from '../../core/studies/evaluation-summary';
import { BacktestService } from '../backtests/backtest.service';
import { ConflictError, InputError, NotFoundError } from '../backtests/input.error';
import { RunStopped } from '../backtests/run-errors';
import { currentOwner, ownerState } from '../backtests/run-owner';
import { newRunId } from '../backtests/run-id';
import { StrategyCatalog } from '../backtests/strategy.catalog';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.module';
import { faultPoint, faultPointArmed } from '../config/fault-points';
import { writeFileAtomically } from '../data/atomic-files.writer';
import { DataService } from '../data/data.service';
import { StoredStudyResult, StudiesRepository, StudyKind, StudyRecord } from '../persistence';
import { StudyPlanner, PlannedRun } from './study-planner';
import { STUDY_EXECUTORS, StudyExecutor, StudyExecutors } from './study-executor';
import { StudyPool } from './study-pool';
import { StudyJobResult } from './study-job';
import { StudyRecorder } from './study-recorder';
import { OwnerWatch } from '../backtests/owner-watch';
import { renderStudyReport } from './study-report.html';
import { EvaluationRequest, StudyProgress, SweepRequest } from './study-request';

export interface StudyExecution {
  /** Worker threads (default every core; 0: this thread). */
  workers?: number;
  onProgress?: StudyProgress;
  signal?: AbortSignal;
}

/** A started study: its id at once, its stored record when it ends. */
export interface StartedStudy {
  id: string;
  total: number;
  completion: Promise<StudyRecord>;
}

const DEFAULT_KEEP_BEST = 3;

/** A study found without a living owner and stored as interrupted. */
export interface RecoveredStudy {
  id: string;
  kind: StudyKind;
  reason: string;
}

/** A study this process executes: how to stop it, and its end. */
interface ActiveStudy {
  controller: AbortController;
  completion: Promise<StudyRecord>;
}

/**
 * Sweeps and evaluations: plans the runs (each spec as `backtest` would make it), measures them
 * on worker threads (or, in the scale mode's API, on the queue's workers: STUDY_EXECUTORS),
 * stores their metrics in batches, summarises them (core/studies), keeps the
 * best runs in full through the BacktestService, and writes the study's HTML report.
 */
@Injectable()
export class StudiesService implements OnModuleDestroy {
  private readonly active = new Map<string, ActiveStudy>();
  private readonly watch: OwnerWatch;
  /** Where studies are measured: this process's worker threads unless the scale mode's queue is given. */
  private readonly executors: StudyExecutors;

  constructor(
    private readonly backtests: BacktestService,
    private readonly catalog: StrategyCatalog,
    private readonly data: DataService,
    private readonly studies: StudiesRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Optional() @Inject(STUDY_EXECUTORS) executors?: StudyExecutors,
  ) {
    this.executors = executors ?? { open: (_id, options) => new StudyPool(options) };
    this.watch = new OwnerWatch('study', studies, {
      ids: () => [...this.active.keys()],
      stop: (id, reason) => this.active.get(id)?.controller.abort(reason),
    }, currentOwner());
  }

  /** Validates and stores a sweep, then runs it; `id` is known when this resolves. */
  async startSweep(request: SweepRequest, execution: StudyExecution = {}): Promise<StartedStudy> {
    const grid = parseGrid(request.grid);
    const metric = request.metric ?? 'sharpe';
    const order = request.order ?? 'desc';
    const keepBest = request.keepBest ?? DEFAULT_KEEP_BEST;
    if (!Number.isInteger(keepBest) || keepBest < 0) throw new InputError(`keepBest: expected a whole number ≥ 0, got ${keepBest}`, 'keepBest');
    const planner = new StudyPlanner(this.backtests, this.catalog, this.data);
    planner.assertSymbols(request.symbols);
    const { points, refused } = planner.validPoints(request.strategy, request.symbols[0], request, grid);
    if (points.length === 0) throw new InputError(`grid: the strategy accepts none of its ${refused.length} points (${refused[0].reason})`, 'grid');
    let folds: WalkForwardFold[] = [];
    let planned: PlannedRun[];
    if (request.walkForward) {
      const { from, to } = this.studyRange(request.symbols, request);
      folds = walkForwardFolds(from, to, span('walkForward.train', request.walkForward.train), span('walkForward.test', request.walkForward.test));
      if (folds.length === 0) throw new InputError(`walkForward: ${from}..${to} is too short for one fold of ${request.walkForward.train} training and ${request.walkForward.test} test`, 'walkForward');
      planned = folds.flatMap((fold, k) => planner.planPoints(request.strategy, request.symbols, request, points, 'train', k, fold.train));
    } else {
      planned = planner.planPoints(request.strategy, request.symbols, request, points);
    }
    const total = planned.length + folds.length * request.symbols.length;
    const id = newRunId('sweep', planned[0].strategy);
    await this.studies.create({ id, kind: 'sweep', request: { ...request, metric, order, keepBest } as unknown as Record<string, unknown>, total, createdAt: Date.now(), owner: currentOwner() });
    const completion = this.settle(id, async (pool, recorder, signal) => {
      await pool.run(planned.map((p) => p.job), acceptor(recorder, signal), signal);
      if (folds.length > 0) {
        const chosen = chooseOnTraining(recorder.inPlanOrder(), metric, order);
        const symbols = [...new Set(planned.map((p) => p.symbol))];
        const tests = folds.flatMap((fold, k) =>
          symbols.map((symbol) => planner.plan(request.strategy, symbol, request, chosen.get(`${symbol}|${k}`)!.params, 'test', k, fold.test)),
        );
        for (const t of tests) recorder.planned.set(t.job.index, t);
        await pool.run(tests.map((t) => t.job), acceptor(recorder, signal), signal);
      }
      await recorder.flush();
      const results = recorder.inPlanOrder();
      const summary = { ...summarizeSweep(results, grid, metric, order), walkForward: summarizeWalkForward(results, metric, order), folds, refused };
      await this.keepBest(id, results, metric, order, keepBest, signal);
      return summary as unknown as Record<string, unknown>;
    }, planned, total, execution);
    return { id, total, completion };
  }

  /** Validates and stores an evaluation over rolling windows, then runs it. */
  async startEvaluation(request: EvaluationRequest, execution: StudyExecution = {}): Promise<StartedStudy> {
    const metric = request.metric ?? 'sharpe';
    const benchmark = request.benchmark ?? 'buy-and-hold';
    const seed = request.seed ?? 0;
    const resamples = request.resamples ?? 10_000;
    if (!Number.isInteger(seed)) throw new InputError(`seed: expected a whole number, got ${seed}`, 'seed');
    if (!Number.isInteger(resamples) || resamples < 100 || resamples > 1_000_000) throw new InputError(`resamples: expected a whole number from 100 to 1000000, got ${resamples}`, 'resamples');
    if (request.strategies.length === 0) throw new InputError('strategies: at least one strategy is needed', 'strategies');
    const planner = new StudyPlanner(this.backtests, this.catalog, this.data);
    planner.assertSymbols(request.symbols);
    const { from, to } = this.studyRange(request.symbols, request);
    const windows = rollingWindows(from, to, span('window', request.window), span('step', request.step));
    if (windows.length === 0) throw new InputError(`window: ${from}..${to} is shorter than one window of ${request.window}`, 'window');
    const strategies = request.strategies.includes(benchmark) ? request.strategies : [...request.strategies, benchmark];
    const skipped: Array<{ symbol: string; window: DayWindow }> = [];
    const planned: PlannedRun[] = [];
    for (const symbol of request.symbols) {
      for (const window of windows) {
        if (!planner.covers(symbol, window)) {
          skipped.push({ symbol, window });
          continue;
        }
        for (const strategy of strategies) planned.push(planner.plan(strategy, symbol, request, {}, 'run', null, window));
      }
    }
    if (planned.length === 0) throw new InputError(`symbols: no symbol's data covers any of the ${windows.length} windows of ${from}..${to}`, 'symbols');
    const id = newRunId('evaluation', strategies.length === 1 ? planned[0].strategy : `${strategies.length}-strategies`);
    const stored = { ...request, metric, benchmark, seed, resamples, strategies };
    await this.studies.create({ id, kind: 'evaluation', request: stored as unknown as Record<string, unknown>, total: planned.length, createdAt: Date.now(), owner: currentOwner() });
    const completion = this.settle(id, async (pool, recorder, signal) => {
      await pool.run(planned.map((p) => p.job), acceptor(recorder, signal), signal);
      await recorder.flush();
      const summary = summarizeEvaluation(recorder.inPlanOrder(), metric, benchmark, { seed, resamples });
      return { ...summary, windows, skipped } as unknown as Record<string, unknown>;
    }, planned, planned.length, execution);
    return { id, total: planned.length, completion };
  }

  async get(id: string, kind?: StudyKind): Promise<StudyRecord> {
    const study = await this.studies.get(id);
    if (!study || (kind && study.kind !== kind)) throw new NotFoundError(`no ${kind ?? 'study'} with id ${id}`);
    return study;
  }

  async results(id: string): Promise<StoredStudyResult[]> {
    return this.studies.results(id);
  }

  async list(kind: StudyKind, limit?: number): Promise<StudyRecord[]> {
    return this.studies.list(kind, limit);
  }

  /**
   * Cancels a running study: one of this process stops at once (its worker threads are ended)
   * and is stored as cancelled before this resolves; one of another process is stored as
   * cancelled here and stops at its owner's next heartbeat (well within a second). A study that
   * has ended is a ConflictError.
   */
  async cancel(id: string, kind: StudyKind, reason: string): Promise<StudyRecord> {
    const study = await this.get(id, kind);
    const local = this.active.get(id);
    if (local) {
      local.controller.abort(new RunStopped('cancelled', reason));
      await local.completion;
    } else if (study.status === 'running') {
      await this.studies.cancel(id, reason, Date.now());
    } else {
      throw new ConflictError(`${kind} ${id} is ${study.status}: only a running ${kind} can be cancelled`);
    }
    const after = await this.get(id, kind);
    if (after.status !== 'cancelled') throw new ConflictError(`${kind} ${id} ended (${after.status}) before it could be cancelled`);
    return after;
  }

  /**
   * Ends the studies whose owner is gone (see `ownerState`): each is stored as interrupted with
   * the reason, its results and report removed. The CLI runs this before each command, the
   * server when it starts.
   */
  async recover(now: Date = new Date()): Promise<RecoveredStudy[]> {
    const recovered: RecoveredStudy[] = [];
    for (const study of await this.studies.running()) {
      if (this.active.has(study.id)) continue;
      const state = ownerState(study.owner, study.heartbeatAt, now);
      if (state.alive) continue;
      const reason = state.reason.replace(/\bthe run\b/g, 'the study');
      if (!(await this.studies.interrupt(study.id, reason, study.owner?.token ?? null, now.getTime()))) continue;
      this.removeFiles(study.id);
      recovered.push({ id: study.id, kind: study.kind, reason });
    }
    return recovered;
  }

  /** The process is closing: its studies are stored as interrupted. */
  async onModuleDestroy(): Promise<void> {
    const pending = [...this.active.values()];
    for (const study of pending) study.controller.abort(new RunStopped('interrupted', 'the process executing it stopped before the study finished'));
    await Promise.all(pending.map((s) => s.completion.catch(() => undefined)));
  }

  /**
   * Stores runs of a study in full (equity, trades, trace, artifacts) through the
   * BacktestService, from the specs the study ran; returns their run ids by result index.
   */
  async keepRuns(id: string, indices: readonly number[], signal?: AbortSignal): Promise<Map<number, string>> {
    const study = await this.get(id);
    const aliases = (study.request as { aliases?: string[] }).aliases;
    const results = await this.studies.results(id);
    const byIndex = new Map(results.map((r) => [r.index, r]));
    const kept = new Map<number, string>();
    for (const index of indices) {
      const result = byIndex.get(index);
      if (!result) throw new NotFoundError(`study ${id} has no result ${index}`);
      if (result.runId) {
        kept.set(index, result.runId);
        continue;
      }
      const done = await this.backtests.run({ spec: result.spec as unknown as RunSpecInput, aliases }, { signal });
      const same = JSON.stringify(done.record.metrics) === JSON.stringify(result.metrics);
      if (!same) throw new Error(`run ${done.record.id} of study ${id} result ${index} measured other metrics than the study: the data or the engine changed`);
      await this.studies.linkRun(id, index, done.record.id);
      kept.set(index, done.record.id);
    }
    return kept;
  }

  /** The report of a finished study, written again from what is stored. */
  reportPath(id: string): string {
    return join(this.config.backtestsDir, id, 'report.html');
  }

  private async keepBest(id: string, results: readonly StoredStudyResult[], metric: StudyMetric, order: 'desc' | 'asc', keepBest: number, signal?: AbortSignal): Promise<void> {
    if (keepBest === 0) return;
    const candidates = results.filter((r) => r.phase === 'run');
    const best = rankBy(candidates, (r) => metricOf(r.metrics, metric), order).slice(0, keepBest);
    const kept = await this.keepRuns(id, best.map((r) => r.index), signal);
    for (const r of results) r.runId = kept.get(r.index) ?? r.runId;
  }

  /**
   * Runs a planned study to its end: the pool, the recorder, the summary; the study is stored
   * as done with its summary and report, or as failed, cancelled or interrupted with the reason
   * (and then keeps no results nor report). While it runs, the OwnerWatch beats its heartbeat
   * and stops it when another process ends it.
   */
  private settle(
    id: string,
    work: (pool: StudyExecutor, recorder: StudyRecorder, signal: AbortSignal) => Promise<Record<string, unknown>>,
    planned: readonly PlannedRun[],
    total: number,
    execution: StudyExecution,
  ): Promise<StudyRecord> {
    const controller = new AbortController();
    const signal = execution.signal ? AbortSignal.any([execution.signal, controller.signal]) : controller.signal;
    const run = async (): Promise<StudyRecord> => {
      const byIndex = new Map(planned.map((p) => [p.job.index, p]));
      const recorder = new StudyRecorder(this.studies, id, byIndex, total, execution.onProgress);
      let pool: StudyExecutor | undefined;
      let ended = false;
      try {
        pool = this.executors.open(id, { dataDir: this.config.dataDir, workers: execution.workers });
        const summary = await work(pool, recorder, signal);
        signal.throwIfAborted();
        const study = (await this.studies.get(id))!;
        const results = await this.studies.results(id);
        writeFileAtomically(this.reportPath(id), renderStudyReport({ ...study, status: 'done', summary }, results));
        ended = await this.studies.finish(id, 'done', { summary }, Date.now());
      } catch (error) {
        await recorder.flush().catch(() => undefined);
        const stop = signal.aborted ? stopOf(signal.reason) : null;
        await this.studies.finish(id, stop?.status ?? 'failed', { error: stop?.message ?? (error as Error).message }, Date.now());
      } finally {
        await pool?.close();
      }
      if (!ended) this.removeFiles(id);
      return (await this.studies.get(id))!;
    };
    const completion = run().finally(() => {
      this.active.delete(id);
      this.watch.settle();
    });
    this.active.set(id, { controller, completion });
    this.watch.wake();
    return completion;
  }

  /** A study's files (its report, or a report half-written when its process died). */
  private removeFiles(id: string): void {
    rmSync(join(this.config.backtestsDir, id), { recursive: true, force: true });
  }

  /** The study's from/to: as given, else the widest range the symbols' data covers. */
  private studyRange(symbols: readonly string[], request: { from?: string; to?: string }): { from: string; to: string } {
    const entries = symbols.map((s) => this.data.list().find((d) => d.symbol === s.toUpperCase() || d.symbol === s)!);
    const from = request.from ?? entries.map((e) => e.firstDate).sort()[0];
    const to = request.to ?? entries.map((e) => e.lastDate).sort().reverse()[0];
    return { from, to };
  }
}

function parseGrid(text: string): ParameterGrid {
  try {
    return parseParameterGrid(text);
  } catch (e) {
    if (e instanceof GridSyntaxError) throw new InputError(`grid: ${e.message}`, 'grid');
    throw e;
  }
}

function span(field: string, text: string): Span {
  try {
    return parseSpan(text);
  } catch (e) {
    if (e instanceof SpanSyntaxError) throw new InputError(`${field}: ${e.message}`, field);
    throw e;
  }
}

/** How an aborted study ends: the status and reason its signal was aborted with (cancelled by default). */
function stopOf(reason: unknown): { status: 'cancelled' | 'interrupted'; message: string } {
  if (reason instanceof RunStopped) return { status: reason.status, message: reason.message };
  return { status: 'cancelled', message: reason instanceof Error ? reason.message : typeof reason === 'string' ? reason : 'cancelled' };
}

/**
 * The pool's handler of a batch of results: the recorder takes it. A crash test can stop the
 * process once the first results are stored (fault point `study-results-stored`).
 */
function acceptor(recorder: StudyRecorder, signal: AbortSignal): (batch: StudyJobResult[]) => Promise<void> {
  if (!faultPointArmed('study-results-stored')) return (batch) => recorder.accept(batch);
  let reached = false;
  return async (batch) => {
    await recorder.accept(batch);
    if (reached) return;
    reached = true;
    await recorder.flush();
    await faultPoint('study-results-stored', signal);
  };
}
