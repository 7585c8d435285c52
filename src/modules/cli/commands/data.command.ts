import { Injectable } from '@nestjs/common';
import { Command, CommandRunner, Option, SubCommand } from 'nest-commander';
import { CLI_COMMANDS, commandMeta } from '../command.catalogue';
import { CommandGroup } from './command-group';
import { DataService } from '../../data/data.service';
import { fixed, integer } from '../output/format';
import { printJson } from '../output/print';
import { renderTable } from '../output/table';
import { oneOf } from './run-options';

/** What the three file imports share: the data service, `--on-bad-row` and `--json`. */
@Injectable() // emits the constructor's parameter types, which the subcommands inherit
abstract class FileImportCommand extends CommandRunner {
  constructor(protected readonly data: DataService) {
    super();
  }

  @Option({ flags: '--on-bad-row <policy>', description: 'error (default): refuse the file, listing every bad row | skip: drop bad rows and report the count' })
  parseOnBadRow(v: string): string {
    return oneOf('--on-bad-row', v, ['error', 'skip'] as const);
  }

  @Option({ flags: '--json', description: 'print JSON' })
  parseJson(): boolean {
    return true;
  }
}

function reportSkipped(rows: number): void {
  if (rows > 0) process.stdout.write(`skipped ${rows} bad rows (--on-bad-row skip)\n`);
}

@SubCommand({ name: 'import', arguments: '<file.csv>', description: 'validate a price CSV and store it under the data directory' })
export class DataImportCommand extends FileImportCommand {
  @Option({ flags: '--symbol <symbol>', description: "the file's symbol (default: from a symbol column or the file name)" })
  parseSymbol(v: string): string {
    return v;
  }

  @Option({ flags: '--replace', description: 'replace a symbol already imported with other content (without it, such an import is refused)' })
  parseReplace(): boolean {
    return true;
  }

  async run([file]: string[], o: { symbol?: string; onBadRow?: 'error' | 'skip'; replace?: boolean; json?: boolean }): Promise<void> {
    const result = this.data.importFile(file, { symbol: o.symbol, onBadRow: o.onBadRow, replace: o.replace });
    if (o.json) return printJson(result);
    for (const d of result.datasets) {
      if (d.change === 'unchanged') process.stdout.write(`${d.symbol}: unchanged (the same ${d.rows} rows, ${d.firstDate}..${d.lastDate}, are already imported)\n`);
      else process.stdout.write(`${d.change === 'added' ? 'imported' : 'replaced'} ${d.symbol}: ${d.rows} rows, ${d.firstDate}..${d.lastDate} (${d.layout} layout)\n`);
    }
    reportSkipped(result.skippedRows);
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
    const list = this.data.coverage();
    if (o.json) return printJson(list);
    if (list.length === 0) {
      process.stdout.write('no datasets: run "tradinggroup data setup" for the sample data, or "tradinggroup data import <file.csv>"\n');
      return;
    }
    const day = (iso: string | undefined) => iso?.slice(0, 10) ?? '–';
    const rows = list.map((d) => [
      d.symbol,
      d.firstDate ?? '–',
      d.lastDate ?? '–',
      integer(d.rows),
      d.layout ?? '–',
      d.hasAdjClose === undefined ? '–' : d.hasAdjClose ? 'yes' : 'no',
      integer(d.news?.items),
      d.news ? `${day(d.news.first)}..${day(d.news.last)}` : '–',
      integer(d.fundamentals?.quarters),
      d.fundamentals ? `${d.fundamentals.firstQuarter}..${d.fundamentals.lastQuarter}` : '–',
      d.source ?? '–',
    ]);
    const headers = ['Symbol', 'From', 'To', 'Bars', 'Layout', 'Adj close', 'News', 'News range', 'EPS qtrs', 'EPS quarters', 'Source'];
    process.stdout.write(`${renderTable(headers, rows, ['left', 'left', 'left', 'right', 'left', 'left', 'right', 'left', 'right'])}\n`);
  }
}

@SubCommand({ name: 'import-news', arguments: '<file>', description: 'validate a news file (CSV or JSONL: generic, StockNet, StockEmotions) and merge it into the data directory' })
export class DataImportNewsCommand extends FileImportCommand {
  @Option({ flags: '--symbol <symbol>', description: "keep only this symbol (or the symbol of a file without a symbol field; default: the file name)" })
  parseSymbol(v: string): string {
    return v;
  }

  @Option({ flags: '--time-zone <tz>', description: 'IANA zone of timestamps without an offset (default America/New_York)' })
  parseTimeZone(v: string): string {
    return v;
  }

  async run([file]: string[], o: { symbol?: string; onBadRow?: 'error' | 'skip'; timeZone?: string; json?: boolean }): Promise<void> {
    const result = this.data.importNews(file, { symbol: o.symbol, onBadRow: o.onBadRow, timeZone: o.timeZone });
    if (o.json) return printJson(result);
    process.stdout.write(`read ${integer(result.items)} news items (${result.layout} layout), ${integer(result.added)} new\n`);
    for (const s of result.symbols) process.stdout.write(`news ${s.symbol}: ${integer(s.items)} items, ${s.first}..${s.last}\n`);
    reportSkipped(result.skippedRows);
  }
}

@SubCommand({ name: 'import-fundamentals', arguments: '<file.csv>', description: 'validate a quarterly EPS file (symbol,date,qtr,eps_est,eps,release_time) and store it per symbol' })
export class DataImportFundamentalsCommand extends FileImportCommand {
  @Option({ flags: '--symbol <symbol>', description: 'keep only this symbol (default: every symbol of the file)' })
  parseSymbol(v: string): string {
    return v;
  }

  async run([file]: string[], o: { symbol?: string; onBadRow?: 'error' | 'skip'; json?: boolean }): Promise<void> {
    const result = this.data.importFundamentals(file, { symbol: o.symbol, onBadRow: o.onBadRow });
    if (o.json) return printJson(result);
    const inferred = result.inferredQuarters > 0 ? ` (${integer(result.inferredQuarters)} quarters inferred from the announcement day)` : '';
    process.stdout.write(`imported ${integer(result.records)} earnings records of ${integer(result.symbols.length)} symbols${inferred}\n`);
    if (result.symbols.length <= 20) {
      for (const s of result.symbols) process.stdout.write(`fundamentals ${s.symbol}: ${s.quarters} quarters, ${s.firstQuarter}..${s.lastQuarter} (announced ${s.firstAnnounced}..${s.lastAnnounced})\n`);
    }
    reportSkipped(result.skippedRows);
  }
}

@SubCommand({ name: 'setup', description: 'import the bundled sample data (AAPL, SPX) if no dataset exists' })
export class DataSetupCommand extends CommandRunner {
  constructor(private readonly data: DataService) {
    super();
  }

  @Option({ flags: '--json', description: 'print JSON' })
  parseJson(): boolean {
    return true;
  }

  async run(_p: string[], o: { json?: boolean }): Promise<void> {
    const result = this.data.setupSampleData();
    if (o.json) return printJson(result);
    process.stdout.write(`${result.message}\n`);
  }
}

@SubCommand({ name: 'describe', arguments: '<symbol>', description: 'summary statistics and a monthly (or weekly) resample of a dataset' })
export class DataDescribeCommand extends CommandRunner {
  constructor(private readonly data: DataService) {
    super();
  }

  @Option({ flags: '--period <period>', description: 'month (default) | week' })
  parsePeriod(v: string): string {
    return oneOf('--period', v, ['month', 'week'] as const);
  }

  @Option({ flags: '--adjust <policy>', description: 'price adjustment as a run applies it: none | splits | total | auto (default)' })
  parseAdjust(v: string): string {
    return oneOf('--adjust', v, ['none', 'splits', 'total', 'auto'] as const);
  }

  @Option({ flags: '--json', description: 'print JSON' })
  parseJson(): boolean {
    return true;
  }

  async run([symbol]: string[], o: { period?: 'week' | 'month'; adjust?: 'none' | 'splits' | 'total' | 'auto'; json?: boolean }): Promise<void> {
    const d = this.data.describe(symbol, { period: o.period, adjust: o.adjust });
    if (o.json) return printJson(d);
    process.stdout.write(`${d.symbol}: ${d.bars} bars, ${d.firstDate}..${d.lastDate}\n${d.adjustment.note}\n`);
    const stats = Object.entries(d.stats).map(([col, s]) => [col, integer(s.count), fixed(s.mean), fixed(s.std), fixed(s.min), fixed(s.max)]);
    process.stdout.write(`${renderTable(['Column', 'Count', 'Mean', 'Std', 'Min', 'Max'], stats, ['left', 'right', 'right', 'right', 'right', 'right'])}\n`);
    const last = d.resampled.slice(-12).map((b) => [b.period, fixed(b.open), fixed(b.high), fixed(b.low), fixed(b.close), integer(b.volume)]);
    process.stdout.write(`\nLast ${last.length} ${d.period}s:\n${renderTable(['Period', 'Open', 'High', 'Low', 'Close', 'Volume'], last, ['left', 'right', 'right', 'right', 'right', 'right'])}\n`);
  }
}

@Command({
  ...commandMeta(CLI_COMMANDS.data),
  subCommands: [DataImportCommand, DataImportNewsCommand, DataImportFundamentalsCommand, DataListCommand, DataSetupCommand, DataDescribeCommand],
})
export class DataCommand extends CommandGroup {}
