import { RunSpecInput } from '../../core/engine/run-spec';
import { DAY_MS, parseIsoDay } from '../../core/market/dates';
import { GridPoint, gridPoints, ParameterGrid } from '../../core/studies/parameter-grid';
import { DayWindow } from '../../core/studies/rolling-windows';
import { StudyPhase } from '../../core/studies/study-result';
import { BacktestService } from '../backtests/backtest.service';
import { InputError } from '../backtests/input.error';
import { StrategyCatalog } from '../backtests/strategy.catalog';
import { buildRunRequest } from '../cli/commands/run-request';
import { DataService } from '../data/data.service';
import { StudyJob } from './study-job';
import { StudyRunOptions } from './study-request';

/** A planned run: its job, and where it sits in the study. */
export interface PlannedRun {
  job: StudyJob;
  strategy: string;
  symbol: string;
  params: GridPoint;
  phase: StudyPhase;
  fold: number | null;
}

/** A data window is said to be covered when the dataset starts and ends within a week of it (weekends and holidays). */
const COVER_SLACK_MS = 7 * DAY_MS;

/**
 * Turns a study into jobs, each spec made exactly as `backtest` makes it from the same options
 * and `--param`s (buildRunRequest, then the service's validation), so the study's metrics are a
 * single backtest's. Rule and analytic strategies only: the llm mode is not studied.
 */
export class StudyPlanner {
  private next = 0;

  constructor(
    private readonly backtests: BacktestService,
    private readonly catalog: StrategyCatalog,
    private readonly data: DataService,
  ) {}

  /** A run of `strategy` on `symbol` over `window` (the options' from/to when absent) with the grid point's parameters. */
  plan(strategy: string, symbol: string, options: StudyRunOptions, point: GridPoint, phase: StudyPhase, fold: number | null, window?: DayWindow): PlannedRun {
    const { spec } = this.backtests.validate(this.specOf(strategy, symbol, options, point, window));
    const entry = this.data.list().find((d) => d.symbol === spec.symbol)!;
    const job: StudyJob = { index: this.next++, spec, data: { symbol: entry.symbol, sha256: entry.sha256 }, ...(options.aliases && { aliases: options.aliases }) };
    return { job, strategy: spec.strategy.name, symbol: spec.symbol, params: point, phase, fold };
  }

  /**
   * The grid points the strategy accepts (a point it refuses, such as fast=20 slow=20 for a
   * crossover, is left out and listed in `refused` with the reason).
   */
  validPoints(strategy: string, symbol: string, options: StudyRunOptions, grid: ParameterGrid): { points: GridPoint[]; refused: Array<{ params: GridPoint; reason: string }> } {
    const points: GridPoint[] = [];
    const refused: Array<{ params: GridPoint; reason: string }> = [];
    for (const point of gridPoints(grid)) {
      try {
        this.backtests.validate(this.specOf(strategy, symbol, options, point));
        points.push(point);
      } catch (e) {
        // Only a parameter can make a point refused; any other setting is wrong for every run.
        if (!(e instanceof InputError) || !e.field?.startsWith('strategy.params')) throw e;
        refused.push({ params: point, reason: e.message });
      }
    }
    return { points, refused };
  }

  /** The spec `backtest` makes from the same options and `--param`s, with the study's engine settings. */
  private specOf(strategy: string, symbol: string, options: StudyRunOptions, point: GridPoint, window?: DayWindow): RunSpecInput {
    const param = { ...(options.param ?? {}), ...point };
    const { request } = buildRunRequest(strategy, symbol, { ...options, ...window, param }, this.catalog, this.data);
    return { ...request.spec, engine: { ...(options.engine ?? {}) } };
  }

  /** Every point on every symbol. */
  planPoints(strategy: string, symbols: readonly string[], options: StudyRunOptions, points: readonly GridPoint[], phase: StudyPhase = 'run', fold: number | null = null, window?: DayWindow): PlannedRun[] {
    return symbols.flatMap((symbol) => points.map((point) => this.plan(strategy, symbol, options, point, phase, fold, window)));
  }

  /** Whether the symbol's data covers the window (to within a week at either end). */
  covers(symbol: string, window: DayWindow): boolean {
    const entry = this.data.list().find((d) => d.symbol === symbol.toUpperCase() || d.symbol === symbol);
    if (!entry) throw new InputError(`symbols: no dataset ${symbol} (import it with "tradinggroup data import", or see "tradinggroup data list")`, 'symbols');
    return parseIsoDay(entry.firstDate) <= parseIsoDay(window.from) + COVER_SLACK_MS && parseIsoDay(entry.lastDate) >= parseIsoDay(window.to) - COVER_SLACK_MS;
  }

  /** Refuses an unknown symbol before anything runs. */
  assertSymbols(symbols: readonly string[]): void {
    if (symbols.length === 0) throw new InputError('symbols: at least one symbol is needed', 'symbols');
    for (const s of symbols) this.covers(s, { from: '1900-01-01', to: '1900-01-01' });
  }
}
