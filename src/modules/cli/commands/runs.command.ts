import { Command, CommandRunner, Option, SubCommand } from 'nest-commander';
import { CLI_COMMANDS, commandMeta } from '../command.catalogue';
import { CommandGroup } from './command-group';
import { isoDay, wholeNumber } from './flag-values';
import { oneOf } from './run-options';
import { InputError, NotFoundError } from '../../backtests/input.error';
import { BacktestService } from '../../backtests/backtest.service';
import { currentOwner } from '../../backtests/run-owner';
import { RUN_STATUSES, RunRecord, RunStatus } from '../../persistence/run-record';
import { RunsRepository } from '../../persistence/runs.repository';
import { LlmService } from '../../llm/llm.service';
import { cancellableBySignals } from '../signal-cancel';
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

const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 10_000;

@SubCommand({ name: 'list', description: 'list stored runs, newest first' })
export class RunsListCommand extends CommandRunner {
  constructor(private readonly runs: RunsRepository) {
    super();
  }

  @Option({ flags: '--status <status>', description: RUN_STATUSES.join(' | ') })
  parseStatus(v: string): RunStatus {
    return oneOf('--status', v, RUN_STATUSES);
  }

  @Option({ flags: '--strategy <name>', description: 'only this strategy' })
  parseStrategy(v: string): string {
    return v;
  }

  @Option({ flags: '--symbol <symbol>', description: 'only this symbol' })
  parseSymbol(v: string): string {
    return v;
  }

  @Option({ flags: '--limit <n>', description: `at most n runs (default ${DEFAULT_LIMIT}, at most ${MAX_LIMIT})` })
  parseLimit(v: string): number {
    return wholeNumber('--limit', v, 1, MAX_LIMIT);
  }

  @Option({ flags: '--json', description: 'print JSON' })
  parseJson(): boolean {
    return true;
  }

  async run(_params: string[], o: ListOptions): Promise<void> {
    const runs = await this.runs.listRuns({ status: o.status, strategy: o.strategy, symbol: o.symbol, limit: o.limit ?? DEFAULT_LIMIT });
    if (o.json) return printJson(runs.map(({ config: _c, manifest: _m, ...rest }) => rest));
    if (runs.length === 0) {
      const filtered = o.status !== undefined || o.strategy !== undefined || o.symbol !== undefined;
      process.stdout.write(filtered ? 'no runs match the filter\n' : 'no runs yet: try "tradinggroup backtest --strategy sma-cross --symbol AAPL"\n');
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

@SubCommand({ name: 'show', arguments: '<id>', description: 'show one run: metrics, llm usage, timings, trades' })
export class RunsShowCommand extends CommandRunner {
  constructor(
    private readonly runs: RunsRepository,
    private readonly llm: LlmService,
  ) {
    super();
  }

  @Option({ flags: '--json', description: 'print JSON (the run with its trades)' })
  parseJson(): boolean {
    return true;
  }

  async run([id]: string[], o: { json?: boolean }): Promise<void> {
    const found = await this.runs.getRunWithPlace(id);
    if (!found) throw new NotFoundError(`no run with id ${id} (see "tradinggroup runs list")`);
    const { run, queuePosition } = found;
    const trades = await this.runs.getTrades(id);
    const usage = run.mode === 'llm' ? await this.llm.usage(id, run.manifest) : null;
    if (o.json) return printJson({ ...run, queuePosition, ...(usage && { llmUsage: usage }), trades });
    process.stdout.write(`${renderRunDetail(run, trades, { usage, queuePosition })}\n`);
  }
}

@SubCommand({ name: 'cancel', arguments: '<id>', description: 'cancel a queued or running run (of this machine\'s CLI or server)' })
export class RunsCancelCommand extends CommandRunner {
  constructor(private readonly backtests: BacktestService) {
    super();
  }

  @Option({ flags: '--json', description: 'print JSON' })
  parseJson(): boolean {
    return true;
  }

  async run([id]: string[], o: { json?: boolean }): Promise<void> {
    const run = await this.backtests.cancel(id, 'cancelled with "tradinggroup runs cancel"');
    if (o.json) return printJson({ id: run.id, status: run.status, error: run.error });
    const owner = run.owner && run.owner.token !== currentOwner().token ? `; process ${run.owner.pid} on ${run.owner.host} stops it within a second` : '';
    process.stdout.write(`run ${id} is cancelled${owner}\n`);
  }
}

@SubCommand({ name: 'delete', arguments: '<id>', description: 'delete a run, its stored results and its artifacts (a queued or running one is stopped first)' })
export class RunsDeleteCommand extends CommandRunner {
  constructor(private readonly backtests: BacktestService) {
    super();
  }

  async run([id]: string[]): Promise<void> {
    await this.backtests.delete(id);
    process.stdout.write(`run ${id} is deleted\n`);
  }
}

@SubCommand({ name: 'resume', arguments: '<id>', description: 'run an interrupted or cancelled run again from its stored spec, under its own id' })
export class RunsResumeCommand extends CommandRunner {
  constructor(
    private readonly backtests: BacktestService,
    private readonly runs: RunsRepository,
    private readonly llm: LlmService,
  ) {
    super();
  }

  @Option({ flags: '--json', description: 'print JSON' })
  parseJson(): boolean {
    return true;
  }

  async run([id]: string[], o: { json?: boolean }): Promise<void> {
    const done = await cancellableBySignals(async (signal) => (await this.backtests.resume(id, { signal })).completion);
    if (o.json) return printJson({ id: done.record.id, status: done.record.status, metrics: done.record.metrics, resultHash: done.resultHash, artifactsDir: done.record.artifactsDir });
    const trades = await this.runs.getTrades(id);
    const usage = done.record.mode === 'llm' ? await this.llm.usage(id, done.record.manifest) : null;
    process.stdout.write(`${renderRunDetail(done.record, trades, { usage })}\n`);
    process.stdout.write(`report: ${done.record.artifactsDir}/report.html\n`);
  }
}

@SubCommand({ name: 'decisions', arguments: '<id>', description: "the run's decision trace: every agent output of every bar" })
export class RunsDecisionsCommand extends CommandRunner {
  constructor(private readonly runs: RunsRepository) {
    super();
  }

  @Option({ flags: '--date <YYYY-MM-DD>', description: 'only this day' })
  parseDate(v: string): string {
    return isoDay('--date', v);
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
    if (rows.length === 0 && o.agent !== undefined) await this.assertAgentRecorded(run, o.agent);
    if (o.json) return printJson(rows);
    if (rows.length === 0) {
      const why =
        run.status !== 'done'
          ? `the run is ${run.status}`
          : o.date !== undefined
            ? `no output on ${o.date}${o.agent ? ` by ${o.agent}` : ''} (the run's window is ${run.fromDate}..${run.toDate}; days without a session have none)`
            : `${run.strategy} records no agent outputs`;
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

  /** An agent the run has no output of is a mistake in the filter: say which agents it has. */
  private async assertAgentRecorded(run: RunRecord, agent: string): Promise<void> {
    const agents = await this.runs.getDecisionAgents(run.id);
    if (agents.includes(agent)) return;
    const known = agents.length > 0 ? `its agents: ${agents.join(', ')}` : `${run.strategy} records no agent outputs`;
    throw new InputError(`--agent: run ${run.id} has no outputs of agent "${agent}" (${known})`, '--agent');
  }
}

@Command({
  ...commandMeta(CLI_COMMANDS.runs),
  subCommands: [RunsListCommand, RunsShowCommand, RunsDecisionsCommand, RunsCancelCommand, RunsDeleteCommand, RunsResumeCommand],
})
export class RunsCommand extends CommandGroup {}
