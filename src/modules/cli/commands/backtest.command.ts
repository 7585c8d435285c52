import { Command, Option } from 'nest-commander';
import { CLI_COMMANDS, commandMeta } from '../command.catalogue';
import { BacktestService } from '../../backtests/backtest.service';
import { StrategyCatalog } from '../../backtests/strategy.catalog';
import { DataService } from '../../data/data.service';
import { priceFilePrefetched } from '../../data/price-file.prefetch';
import { RunsRepository } from '../../persistence/runs.repository';
import { LlmService } from '../../llm/llm.service';
import { Progress } from '../output/progress';
import { renderRunDetail } from '../output/run-detail';
import { printJson, printNotices } from '../output/print';
import { cancellableBySignals } from '../signal-cancel';
import { buildRunRequest } from './run-request';
import { RunOptions, RunOptionsCommand } from './run-options';

interface BacktestOptions extends RunOptions {
  strategy?: string;
  symbol?: string;
}

/** Runs one backtest; Ctrl-C (SIGINT) or SIGTERM cancels it (stored as cancelled, exit code 130 / 143). */
@Command(commandMeta(CLI_COMMANDS.backtest))
export class BacktestCommand extends RunOptionsCommand {
  constructor(
    private readonly backtests: BacktestService,
    private readonly strategies: StrategyCatalog,
    private readonly data: DataService,
    private readonly runs: RunsRepository,
    private readonly llm: LlmService,
  ) {
    super();
  }

  @Option({ flags: '-s, --strategy <name|file.json>', description: 'a strategy from strategies/ or a path to a strategy file', required: true })
  parseStrategy(v: string): string {
    return v;
  }

  @Option({ flags: '--symbol <symbol>', description: 'an imported dataset (see "data list"), or the symbol to take from --data' })
  parseSymbol(v: string): string {
    return v;
  }

  async run(_params: string[], options: BacktestOptions): Promise<void> {
    // A --data file read while the application loaded (see data-file-prefetch.ts) is waited for, not read again.
    if (options.data) await priceFilePrefetched();
    const { request, notices } = buildRunRequest(options.strategy!, options.symbol, options, this.strategies, this.data);
    printNotices(notices);
    const progress = new Progress(100, 'backtest', !options.json);
    const done = await cancellableBySignals((signal) =>
      this.backtests.run(request, { signal, onProgress: (f) => progress.update(Math.round(f * 100), request.spec.symbol) }),
    ).finally(() => progress.stop());
    if (options.json) {
      printJson({ id: done.record.id, status: done.record.status, metrics: done.record.metrics, resultHash: done.resultHash, artifactsDir: done.record.artifactsDir, manifest: done.manifest });
      return;
    }
    const trades = await this.runs.getTrades(done.record.id);
    const usage = done.record.mode === 'llm' ? await this.llm.usage(done.record.id, done.record.manifest) : null;
    process.stdout.write(`${renderRunDetail(done.record, trades, { usage })}\n`);
    process.stdout.write(`report: ${done.record.artifactsDir}/report.html\n`);
  }
}
