import { RunSpec } from '../../core/engine/run-spec';
import { BarSeries } from '../../core/market/bar-series';
import { MarketInputs, NO_MARKET_INPUTS } from '../../core/market/market-inputs';
import { getProfile } from '../../core/profiles';
import { STRATEGY_KINDS } from '../../core/strategies/registry';
import { executeStudyRun, StudyRunOutcome } from '../../core/studies/study-run';
import type { DataService } from '../data/data.service';
import { DatasetStore } from '../data/dataset.store';

/**
 * The unit of work of a study: one validated run spec on an imported dataset, named by the
 * content hash the planner saw. Plain JSON, so a worker thread or a queue worker on another
 * machine (with the same data directory contents) can run it.
 */
export interface StudyJob {
  /** The run's position in its study. */
  index: number;
  spec: RunSpec;
  data: { symbol: string; sha256: string };
  /** Names the news may use for the symbol (strategies with agents). */
  aliases?: string[];
}

/** What comes back for a job: its outcome, or why it failed. */
export type StudyJobResult = { index: number; outcome: StudyRunOutcome } | { index: number; error: string };

/** A study never reads or extends a named memory: its runs would depend on the order they ran in. */
const NO_NAMED_MEMORY = {
  load: (): never => {
    throw new Error('a study does not read named memories');
  },
};

/**
 * Runs study jobs on one thread, loading each dataset (and, for strategies with agents, its news
 * and fundamentals) once and keeping it for the jobs that follow. A dataset whose content hash
 * is not the one the job names is refused, so every run of a study reads the same data.
 * Prices are read through the dataset store alone; the data service (and the loaders of news and
 * fundamentals it brings) is loaded only when a job needs them, which keeps a worker's start short.
 */
export class StudyJobRunner {
  private readonly series = new Map<string, BarSeries>();
  private readonly inputs = new Map<string, { inputs: MarketInputs; notes: string[] }>();
  private readonly store: DatasetStore;
  private data: DataService | undefined;

  constructor(private readonly dataDir: string) {
    this.store = new DatasetStore(dataDir);
  }

  async run(job: StudyJob): Promise<StudyJobResult> {
    try {
      const series = this.seriesOf(job);
      const { inputs, notes } = STRATEGY_KINDS[job.spec.strategy.kind]?.usesAgents ? await this.inputsOf(job) : { inputs: NO_MARKET_INPUTS, notes: [] };
      return { index: job.index, outcome: executeStudyRun(job.spec, series, inputs, notes) };
    } catch (error) {
      return { index: job.index, error: error instanceof Error ? error.message : String(error) };
    }
  }

  private seriesOf(job: StudyJob): BarSeries {
    // The adjustment a single backtest of the spec loads with: its own, else its profile's.
    const adjust = job.spec.adjust ?? getProfile(job.spec.profile).adjust;
    const key = `${job.data.symbol}|${job.data.sha256}|${adjust}`;
    let series = this.series.get(key);
    if (!series) {
      const loaded = this.store.loadSymbol(job.data.symbol, { adjust });
      if (loaded.sha256 !== job.data.sha256) {
        throw new Error(`dataset ${job.data.symbol} changed since the study was planned (sha256 ${loaded.sha256}, planned ${job.data.sha256})`);
      }
      series = loaded.series;
      this.series.set(key, series);
    }
    return series;
  }

  /** The symbol's news and fundamentals, with what loading them noted (none for the symbol, say). */
  private async inputsOf(job: StudyJob): Promise<{ inputs: MarketInputs; notes: string[] }> {
    const key = `${job.data.symbol}|${(job.aliases ?? []).join(',')}`;
    let loaded = this.inputs.get(key);
    if (!loaded) {
      const [{ DataService }, { loadMarketInputs }] = await Promise.all([import('../data/data.service'), import('../backtests/market-inputs.loader')]);
      this.data ??= new DataService({ dataDir: this.dataDir, db: '', backtestsDir: '' });
      const { inputs, notes } = await loadMarketInputs(this.data, NO_NAMED_MEMORY, { symbol: job.data.symbol, aliases: job.aliases });
      loaded = { inputs, notes };
      this.inputs.set(key, loaded);
    }
    return loaded;
  }
}

