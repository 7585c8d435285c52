import { Command, CommandRunner, Option } from 'nest-commander';
import { BacktestService } from '../../backtests/backtest.service';
import { StrategyCatalog } from '../../backtests/strategy.catalog';
import { DataService } from '../../data/data.service';
import { RunsRepository } from '../../persistence/runs.repository';
import { renderMetricsTable, renderRunNotes } from '../output/metrics-table';
import { printJson } from '../output/print';
import { CLI_COMMANDS, commandMeta } from '../command.catalogue';
import { DEMO_FROM, DEMO_SYMBOLS, DEMO_TO } from '../demo-window';
import { cancellableBySignals } from '../signal-cancel';
import { compareRuns } from './compare.command';


/**
 * Sets up the sample data if needed, then runs every baseline strategy on the samples and
 * prints the comparison table. Each run is stored and has its artifacts under backtests/.
 */
@Command(commandMeta(CLI_COMMANDS.demo))
export class DemoCommand extends CommandRunner {
  constructor(
    private readonly backtests: BacktestService,
    private readonly strategies: StrategyCatalog,
    private readonly data: DataService,
    private readonly runs: RunsRepository,
  ) {
    super();
  }

  @Option({ flags: '--json', description: 'print JSON' })
  parseJson(): boolean {
    return true;
  }

  async run(_p: string[], o: { json?: boolean }): Promise<void> {
    const setup = this.data.setupSampleData();
    if (!o.json) process.stdout.write(`${setup.message}\n`);
    const records = await cancellableBySignals((signal) =>
      compareRuns(
        { strategies: this.strategies.names(), symbols: DEMO_SYMBOLS, from: DEMO_FROM, to: DEMO_TO, json: o.json },
        this.backtests,
        this.strategies,
        this.data,
        this.runs,
        signal,
      ),
    );
    if (o.json) return printJson(records.map(({ id, strategy, symbol, status, metrics, artifactsDir }) => ({ id, strategy, symbol, status, metrics, artifactsDir })));
    process.stdout.write(`\n${renderMetricsTable(records)}\n\n`);
    const notes = renderRunNotes(records);
    if (notes) process.stdout.write(`${notes}\n\n`);
    process.stdout.write(`${records.length} runs stored; artifacts in ${records[0]?.artifactsDir?.replace(/\/[^/]+$/, '') ?? 'backtests/'}\n`);
    process.stdout.write('next: "npx tradinggroup runs list", "npx tradinggroup runs show <id>", "npx tradinggroup replay <id>"\n');
    if (records.some((r) => r.status !== 'done')) process.exitCode = 1;
  }
}
