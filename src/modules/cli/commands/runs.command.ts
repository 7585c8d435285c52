import { Command, CommandRunner, Option, SubCommand } from 'nest-commander';
import { NotFoundError } from '../../backtests/input.error';
import { RunStatus } from '../../persistence/run-record';
import { RunsRepository } from '../../persistence/runs.repository';
import { fixed, percent } from '../output/format';
import { printJson } from '../output/print';
import { renderRunDetail } from '../output/run-detail';
import { renderTable } from '../output/table';
import type { PerformanceMetrics } from '../../../core/metrics';

interface ListOptions {
  status?: RunStatus;
  strategy?: string;
  symbol?: string;
  limit?: number;
  json?: boolean;
}

@SubCommand({ name: 'list', description: 'list stored runs, newest first' })
export class RunsListCommand extends CommandRunner {
  constructor(private readonly runs: RunsRepository) {
    super();
  }

  @Option({ flags: '--status <status>', description: 'queued | running | done | failed | cancelled' })
  parseStatus(v: string): string {
    return v;
  }

  @Option({ flags: '--strategy <name>', description: 'only this strategy' })
  parseStrategy(v: string): string {
    return v;
  }

  @Option({ flags: '--symbol <symbol>', description: 'only this symbol' })
  parseSymbol(v: string): string {
    return v;
  }

  @Option({ flags: '--limit <n>', description: 'at most n runs (default 50)' })
  parseLimit(v: string): number {
    return Number(v);
  }

  @Option({ flags: '--json', description: 'print JSON' })
  parseJson(): boolean {
    return true;
  }

  async run(_params: string[], o: ListOptions): Promise<void> {
    const runs = await this.runs.listRuns({ status: o.status, strategy: o.strategy, symbol: o.symbol, limit: o.limit ?? 50 });
    if (o.json) return printJson(runs.map(({ config: _c, manifest: _m, ...rest }) => rest));
    if (runs.length === 0) {
      process.stdout.write('no runs yet: try "tradinggroup backtest --strategy sma-cross --symbol AAPL"\n');
      return;
    }
    const rows = runs.map((r) => {
      const m = (r.metrics as { default?: PerformanceMetrics } | null)?.default;
      return [r.id, r.status, r.strategy, r.symbol, r.profile, `${r.fromDate}..${r.toDate}`, percent(m?.totalReturn), fixed(m?.sharpe), percent(m?.maxDrawdown), r.createdAt.slice(0, 19).replace('T', ' ')];
    });
    process.stdout.write(
      `${renderTable(['Id', 'Status', 'Strategy', 'Symbol', 'Profile', 'Window', 'CR', 'Sharpe', 'MDD', 'Created (UTC)'], rows, ['left', 'left', 'left', 'left', 'left', 'left', 'right', 'right', 'right', 'left'])}\n`,
    );
  }
}

@SubCommand({ name: 'show', arguments: '<id>', description: 'show one run: metrics, timings, trades' })
export class RunsShowCommand extends CommandRunner {
  constructor(private readonly runs: RunsRepository) {
    super();
  }

  @Option({ flags: '--json', description: 'print JSON (the run with its trades)' })
  parseJson(): boolean {
    return true;
  }

  async run([id]: string[], o: { json?: boolean }): Promise<void> {
    const run = await this.runs.getRun(id);
    if (!run) throw new NotFoundError(`no run with id ${id} (see "tradinggroup runs list")`);
    const trades = await this.runs.getTrades(id);
    if (o.json) return printJson({ ...run, trades });
    process.stdout.write(`${renderRunDetail(run, trades)}\n`);
  }
}

@SubCommand({ name: 'decisions', arguments: '<id>', description: "the run's decision trace: every agent output of every bar" })
export class RunsDecisionsCommand extends CommandRunner {
  constructor(private readonly runs: RunsRepository) {
    super();
  }

  @Option({ flags: '--date <YYYY-MM-DD>', description: 'only this day' })
  parseDate(v: string): string {
    return v;
  }

  @Option({ flags: '--agent <name>', description: 'only this agent (news, report, forecast, style, decision, risk)' })
  parseAgent(v: string): string {
    return v;
  }

  @Option({ flags: '--json', description: 'print JSON' })
  parseJson(): boolean {
    return true;
  }

  async run([id]: string[], o: { date?: string; agent?: string; json?: boolean }): Promise<void> {
    const run = await this.runs.getRun(id);
    if (!run) throw new NotFoundError(`no run with id ${id} (see "tradinggroup runs list")`);
    const rows = await this.runs.getDecisions(id, { date: o.date, agent: o.agent });
    if (o.json) return printJson(rows);
    if (rows.length === 0) {
      const why = run.status !== 'done' ? `the run is ${run.status}` : `${run.strategy} records no agent outputs${o.date || o.agent ? ' for that filter' : ''}`;
      process.stdout.write(`no decisions: ${why}\n`);
      return;
    }
    const table = rows.map((r) => {
      const out = r.output as { rationale?: string; flags?: string[] };
      const flags = out.flags?.length ? ` [${out.flags.join(', ')}]` : '';
      const text = `${out.rationale ?? JSON.stringify(out)}${flags}`;
      // The table keeps to a line per output; --json has the whole of it.
      return [r.date, r.agent, text.length > 160 ? `${text.slice(0, 159)}…` : text];
    });
    process.stdout.write(`${renderTable(['Date', 'Agent', 'Output'], table)}\n`);
  }
}

@Command({
  name: 'runs',
  description: 'stored runs: list | show <id> | decisions <id>',
  subCommands: [RunsListCommand, RunsShowCommand, RunsDecisionsCommand],
})
export class RunsCommand extends CommandRunner {
  async run(): Promise<void> {
    this.command.outputHelp();
  }
}
