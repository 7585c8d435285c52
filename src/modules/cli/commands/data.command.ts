import { Command, CommandRunner, Option, SubCommand } from 'nest-commander';
import { DataService } from '../../data/data.service';
import { fixed, integer } from '../output/format';
import { printJson } from '../output/print';
import { renderTable } from '../output/table';

@SubCommand({ name: 'import', arguments: '<file.csv>', description: 'validate a price CSV and store it under the data directory' })
export class DataImportCommand extends CommandRunner {
  constructor(private readonly data: DataService) {
    super();
  }

  @Option({ flags: '--symbol <symbol>', description: "the file's symbol (default: from a symbol column or the file name)" })
  parseSymbol(v: string): string {
    return v;
  }

  @Option({ flags: '--on-bad-row <policy>', description: 'error (default): refuse the file, listing every bad row | skip: drop bad rows and report the count' })
  parseOnBadRow(v: string): string {
    return v;
  }

  @Option({ flags: '--json', description: 'print JSON' })
  parseJson(): boolean {
    return true;
  }

  async run([file]: string[], o: { symbol?: string; onBadRow?: 'error' | 'skip'; json?: boolean }): Promise<void> {
    const result = this.data.importFile(file, { symbol: o.symbol, onBadRow: o.onBadRow });
    if (o.json) return printJson(result);
    for (const d of result.datasets) process.stdout.write(`imported ${d.symbol}: ${d.rows} rows, ${d.firstDate}..${d.lastDate} (${d.layout} layout)\n`);
    if (result.skippedRows > 0) process.stdout.write(`skipped ${result.skippedRows} bad rows (--on-bad-row skip)\n`);
  }
}

@SubCommand({ name: 'list', description: 'list imported datasets with their coverage' })
export class DataListCommand extends CommandRunner {
  constructor(private readonly data: DataService) {
    super();
  }

  @Option({ flags: '--json', description: 'print JSON' })
  parseJson(): boolean {
    return true;
  }

  async run(_p: string[], o: { json?: boolean }): Promise<void> {
    const list = this.data.list();
    if (o.json) return printJson(list);
    if (list.length === 0) {
      process.stdout.write('no datasets: run "tradinggroup data setup" for the sample data, or "tradinggroup data import <file.csv>"\n');
      return;
    }
    const rows = list.map((d) => [d.symbol, d.firstDate, d.lastDate, integer(d.rows), d.layout, d.hasAdjClose ? 'yes' : 'no', d.source]);
    process.stdout.write(`${renderTable(['Symbol', 'From', 'To', 'Bars', 'Layout', 'Adj close', 'Source'], rows, ['left', 'left', 'left', 'right'])}\n`);
  }
}

@SubCommand({ name: 'setup', description: 'import the bundled sample data (AAPL, SPX) if no dataset exists' })
export class DataSetupCommand extends CommandRunner {
  constructor(private readonly data: DataService) {
    super();
  }

  async run(): Promise<void> {
    process.stdout.write(`${this.data.setupSampleData().message}\n`);
  }
}

@SubCommand({ name: 'describe', arguments: '<symbol>', description: 'summary statistics and a monthly (or weekly) resample of a dataset' })
export class DataDescribeCommand extends CommandRunner {
  constructor(private readonly data: DataService) {
    super();
  }

  @Option({ flags: '--period <period>', description: 'month (default) | week' })
  parsePeriod(v: string): string {
    return v;
  }

  @Option({ flags: '--json', description: 'print JSON' })
  parseJson(): boolean {
    return true;
  }

  async run([symbol]: string[], o: { period?: 'week' | 'month'; json?: boolean }): Promise<void> {
    const d = this.data.describe(symbol, { period: o.period });
    if (o.json) return printJson(d);
    process.stdout.write(`${d.symbol}: ${d.bars} bars, ${d.firstDate}..${d.lastDate}\n`);
    const stats = Object.entries(d.stats).map(([col, s]) => [col, integer(s.count), fixed(s.mean), fixed(s.std), fixed(s.min), fixed(s.max)]);
    process.stdout.write(`${renderTable(['Column', 'Count', 'Mean', 'Std', 'Min', 'Max'], stats, ['left', 'right', 'right', 'right', 'right', 'right'])}\n`);
    const last = d.resampled.slice(-12).map((b) => [b.period, fixed(b.open), fixed(b.high), fixed(b.low), fixed(b.close), integer(b.volume)]);
    process.stdout.write(`\nLast ${last.length} ${d.period}s:\n${renderTable(['Period', 'Open', 'High', 'Low', 'Close', 'Volume'], last, ['left', 'right', 'right', 'right', 'right', 'right'])}\n`);
  }
}

@Command({
  name: 'data',
  description: 'market data: import <file> | list | setup | describe <symbol>',
  subCommands: [DataImportCommand, DataListCommand, DataSetupCommand, DataDescribeCommand],
})
export class DataCommand extends CommandRunner {
  async run(): Promise<void> {
    this.command.outputHelp();
  }
}
