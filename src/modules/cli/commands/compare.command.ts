import { Command, Option } from 'nest-commander';
import { CLI_COMMANDS, commandMeta } from '../command.catalogue';
import { BacktestService } from '../../backtests/backtest.service';
import { RunFailedError } from '../../backtests/run-errors';
import { StrategyCatalog } from '../../backtests/strategy.catalog';
import { DataService } from '../../data/data.service';
import { RunRecord } from '../../persistence/run-record';
import { RunsRepository } from '../../persistence/runs.repository';
import { renderMetricsTable, renderRunNotes } from '../output/metrics-table';
import { printJson, printNotices } from '../output/print';
import { Progress } from '../output/progress';
import { cancellableBySignals } from '../signal-cancel';
import { buildRunRequest } from './run-request';
import { RunOptions, RunOptionsCommand } from './run-options';

interface CompareOptions extends RunOptions {
  strategies?: string[];
  symbols?: string[];
}

/**
 * Runs every strategy on every symbol (each run stored like a `backtest`) and prints the
 * side-by-side table. A run that fails is shown with its reason; the others go on. Ctrl-C
 * (SIGINT) or SIGTERM cancels the run in progress and starts no other (exit code 130 / 143).
 */
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
 * Runs the strategies × symbols matrix with a progress bar; used by `compare` and `demo`.
 * Aborting `signal` cancels the run in progress and rejects with its RunFailedError.
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
  const total = names.length * symbols.length;
  const progress = new Progress(total, 'compare', !options.json);
  const records: RunRecord[] = [];
  const told = new Set<string>();
  try {
    for (const symbol of symbols) {
      for (const name of names) {
        progress.update(records.length, `${name} ${symbol ?? ''}`);
        const { request, notices } = buildRunRequest(name, symbol, options, strategies, data);
        for (const notice of notices) told.add(notice);
        try {
          records.push((await backtests.run(request, { signal })).record);
        } catch (error) {
          if (!(error instanceof RunFailedError) || signal?.aborted) throw error;
          records.push((await runs.getRun(error.runId))!);
        }
      }
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
