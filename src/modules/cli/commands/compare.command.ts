import { availableParallelism } from 'node:os';
import { Command, Option } from 'nest-commander';
import { CLI_COMMANDS, commandMeta } from '../command.catalogue';
import { BacktestRequest, BacktestService } from '../../backtests/backtest.service';
import { RunFailedError } from '../../backtests/run-errors';
import { StrategyCatalog } from '../../backtests/strategy.catalog';
import { DataService } from '../../data/data.service';
import { RunRecord } from '../../persistence/run-record';
import { RunsRepository } from '../../persistence/runs.repository';
import { renderMetricsTable, renderRunNotes } from '../output/metrics-table';
import { printJson, printNotices } from '../output/print';
import { Progress } from '../output/progress';
import { cancellableBySignals } from '../signal-cancel';
import { wholeNumber } from './flag-values';
import { buildRunRequest, RunFlags } from './run-request';
import { RunOptions, RunOptionsCommand } from './run-options';

/** compare names its lists of strategies and symbols in its usage errors. */
const COMPARE_FLAGS: RunFlags = { strategy: '--strategies', symbol: '--symbols' };

interface CompareOptions extends RunOptions {
  strategies?: string[];
  symbols?: string[];
  /** Worker threads for the runs of rule strategies on imported datasets (default: cores − 1, at least 1). */
  workers?: number;
}

@Command(commandMeta(CLI_COMMANDS.compare))
export class CompareCommand extends RunOptionsCommand {
  constructor(
    private readonly backtests: BacktestService,
    private readonly strategies: StrategyCatalog,
    private readonly data: DataService,
    private readonly runs: RunsRepository,
  ) {
    super();
  }

  @Option({ flags: '--strategies <list>', description: 'comma-separated strategy names or files (default: every file in strategies/)' })
  parseStrategies(v: string): string[] {
    return splitList(v);
  }

  @Option({ flags: '--symbols <list>', description: 'comma-separated symbols (default: the one in --data)' })
  parseSymbols(v: string): string[] {
    return splitList(v);
  }

  @Option({ flags: '--workers <n>', description: 'worker threads for rule strategies on imported datasets (default: cores − 1, at least 1; 0 runs on the main thread)' })
  parseWorkers(v: string): number {
    return wholeNumber('--workers', v, 0, 256);
  }

  async run(_params: string[], options: CompareOptions): Promise<void> {
    const records = await cancellableBySignals((signal) => compareRuns(options, this.backtests, this.strategies, this.data, this.runs, signal));
    if (options.json) printJson(records.map(({ id, strategy, symbol, status, error, metrics }) => ({ id, strategy, symbol, status, error, metrics })));
    else {
      const notes = renderRunNotes(records);
      process.stdout.write(`${renderMetricsTable(records)}\n${notes ? `${notes}\n` : ''}`);
    }
    if (records.some((r) => r.status !== 'done')) process.exitCode = 1;
  }
}

/**
 * Runs the strategies × symbols matrix with a progress bar; used by `compare` and `demo`. Runs
 * of rule strategies on imported datasets go in batches on worker threads
 * (BacktestService.runBatched), the others (agents, llm, a price file) one at a time after
 * them; the records come back in matrix order. The batched runs are all validated before any starts.
 * Aborting `signal` cancels the runs in progress and rejects with a RunFailedError.
 */
export async function compareRuns(
  options: CompareOptions,
  backtests: BacktestService,
  strategies: StrategyCatalog,
  data: DataService,
  runs: RunsRepository,
  signal?: AbortSignal,
): Promise<RunRecord[]> {
  const names = options.strategies ?? strategies.names();
  const symbols: Array<string | undefined> = options.symbols ?? [undefined];
  const told = new Set<string>();
  const planned: Array<{ label: string; request: BacktestRequest }> = [];
  for (const symbol of symbols) {
    for (const name of names) {
      const { request, notices } = buildRunRequest(name, symbol, options, strategies, data, COMPARE_FLAGS);
      for (const notice of notices) told.add(notice);
      planned.push({ label: `${name} ${symbol ?? ''}`, request });
    }
  }
  const total = planned.length;
  const progress = new Progress(total, 'compare', !options.json);
  const records = new Array<RunRecord>(total);
  let ended = 0;
  try {
    const batched = planned.flatMap((p, index) => (backtests.canBatch(p.request) ? [index] : []));
    if (batched.length > 0) {
      progress.update(0, `${batched.length} runs on worker threads`);
      const stored = await backtests.runBatched(
        batched.map((index) => planned[index].request),
        { workers: options.workers ?? defaultBatchWorkers(), signal, onProgress: (n) => progress.update(n, `${batched.length} runs on worker threads`) },
      );
      batched.forEach((index, k) => (records[index] = stored[k]));
      ended = batched.length;
    }
    for (let index = 0; index < total; index++) {
      if (records[index]) continue;
      progress.update(ended, planned[index].label);
      try {
        records[index] = (await backtests.run(planned[index].request, { signal })).record;
      } catch (error) {
        if (!(error instanceof RunFailedError) || signal?.aborted) throw error;
        records[index] = (await runs.getRun(error.runId))!;
      }
      ended++;
    }
  } finally {
    progress.update(total);
    progress.stop();
    printNotices([...told]);
  }
  return records;
}

function splitList(v: string): string[] {
  return v.split(',').map((s) => s.trim()).filter(Boolean);
}

/**
 * One worker thread fewer than the cores, at least one: the command's own thread stores each
 * batch while the workers run the next, and V8's and libuv's threads need CPU too. On two cores
 * one worker finished the 200-symbol compare sooner than two, with less CPU in all (bench/README).
 */
function defaultBatchWorkers(): number {
  return Math.max(1, availableParallelism() - 1);
}
