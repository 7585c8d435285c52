import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Inject } from '@nestjs/common';
import { Command, CommandRunner, Option, SubCommand } from 'nest-commander';
import { EngineOverrides } from '../../../core/engine/run-spec';
import { StrategyConfig } from '../../../core/strategies/strategy-config';
import { InputError } from '../../backtests/input.error';
import { FEED_FORMS } from '../../../core/paper/paper-spec';
import { StrategyCatalog } from '../../backtests/strategy.catalog';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/app-config.module';
import { PAPER_STATUSES, PaperRepository, PaperStatus } from '../../persistence/paper';
import { PaperReports } from '../../paper/paper-reports.service';
import { PaperScheduler } from '../../paper/paper-scheduler.service';
import { PaperSessionsService } from '../../paper/paper-sessions.service';
import { TickReport } from '../../paper/paper-ticker.service';
import { equityView, orderView, positionView, sessionView, tickView } from '../../paper/paper-views';
import { parseDuration } from '../../paper/tick-times';
import { CLI_COMMANDS, commandMeta } from '../command.catalogue';
import { money } from '../output/format';
import { printJson } from '../output/print';
import { renderTable } from '../output/table';
import { UsageError } from '../usage.error';
import { CommandGroup } from './command-group';
import { isoDay, wholeNumber } from './flag-values';
import { EngineOptionsCommand, engineOverrides, llmOverrides, oneOf, parseNumber, RunOptions } from './run-options';

interface StartOptions extends RunOptions {
  strategy?: string;
  symbols?: string[];
  feed?: string;
  broker?: string;
  cron?: string;
  timeZone?: string;
  tickEvery?: number;
  maxFailures?: number;
  staleAfterDays?: number;
}

@SubCommand({ name: 'start', description: 'start a paper-trading session (it runs in "tradinggroup serve" or "paper run <id>"); prints its id' })
export class PaperStartCommand extends EngineOptionsCommand {
  constructor(
    private readonly sessions: PaperSessionsService,
    private readonly strategies: StrategyCatalog,
  ) {
    super();
  }

  @Option({ flags: '-s, --strategy <name|file.json>', description: 'a strategy from strategies/ or a path to a strategy file', required: true })
  parseStrategy(v: string): string {
    return v;
  }

  @Option({ flags: '--symbols <list>', description: 'comma-separated symbols, each a sleeve with an equal share of the cash (default: the dataset of replay:<dataset>)' })
  parseSymbols(v: string): string[] {
    const symbols = v.split(',').map((s) => s.trim()).filter(Boolean);
    if (symbols.length === 0) throw new UsageError(`--symbols: expected comma-separated symbols, got "${v}"`, '--symbols');
    return symbols;
  }

  @Option({ flags: '--feed <feed>', description: `where bars come from: ${FEED_FORMS}`, required: true })
  parseFeed(v: string): string {
    return v;
  }

  @Option({ flags: '--cron <expression>', description: 'tick on this cron schedule, e.g. "5 16 * * 1-5" (minute hour day month weekday; a sixth leading field is seconds)' })
  parseCron(v: string): string {
    return v;
  }

  @Option({ flags: '--time-zone <zone>', description: 'the time zone of --cron (default America/New_York)' })
  parseTimeZone(v: string): string {
    return v;
  }

  @Option({ flags: '--tick-every <duration>', description: 'tick at this interval instead: 500ms, 1s, 5m, 1h' })
  parseTickEvery(v: string): number {
    const ms = parseDuration(v);
    if (ms === null) throw new UsageError(`--tick-every: expected a duration such as 500ms, 1s, 5m or 1h, got "${v}"`, '--tick-every');
    return ms;
  }

  @Option({ flags: '--from <date>', description: 'replay feeds: the first day of the session (earlier bars are warm-up)' })
  parseFrom(v: string): string {
    return isoDay('--from', v);
  }

  @Option({ flags: '--to <date>', description: 'replay feeds: the last day (default: the data\'s last); the session is done after it' })
  parseTo(v: string): string {
    return isoDay('--to', v);
  }

  @Option({ flags: '--broker <broker>', description: 'sim (default): the backtest\'s simulated broker | alpaca: orders also go to an Alpaca paper account (keys from APCA_API_KEY_ID, APCA_API_SECRET_KEY)' })
  parseBroker(v: string): string {
    return oneOf('--broker', v, ['sim', 'alpaca'] as const);
  }

  @Option({ flags: '--cash <amount>', description: 'starting cash of the session, split equally between the symbols (default 100000)' })
  override parseCash(v: string): number {
    return super.parseCash(v);
  }

  @Option({ flags: '--adjust <policy>', description: 'price adjustment none | splits | total | auto (replay: default auto; csv-dir: default none)' })
  override parseAdjust(v: string): string {
    return super.parseAdjust(v);
  }

  @Option({ flags: '--risk-free <rate>', description: 'annual risk-free rate of the report\'s Sharpe and Sortino (default 0.03)' })
  override parseRiskFree(v: string): number {
    return super.parseRiskFree(v);
  }

  @Option({ flags: '--max-failures <n>', description: 'consecutive failed ticks after which the session pauses itself (default 3)' })
  parseMaxFailures(v: string): number {
    return wholeNumber('--max-failures', v, 1, 1000);
  }

  @Option({ flags: '--stale-after-days <n>', description: 'live feeds: a newest bar older than this many days fails the tick (default 5)' })
  parseStale(v: string): number {
    return wholeNumber('--stale-after-days', v, 1, 366);
  }

  @Option({ flags: '--aliases <names>', description: 'comma-separated names the news may use for the symbols' })
  override parseAliases(v: string): string[] {
    return super.parseAliases(v);
  }

  @Option({ flags: '--mode <mode>', description: 'analytic (default) | llm: agents on a language model, every exchange recorded with the session' })
  parseMode(v: string): string {
    return oneOf('--mode', v, ['analytic', 'llm'] as const);
  }

  @Option({ flags: '--llm-base-url <url>', description: 'OpenAI-compatible endpoint (default: TRADINGGROUP_LLM_BASE_URL)' })
  parseLlmBaseUrl(v: string): string {
    return v;
  }

  @Option({ flags: '--llm-model <name>', description: 'the model (default: TRADINGGROUP_LLM_MODEL)' })
  parseLlmModel(v: string): string {
    return v;
  }

  @Option({ flags: '--llm-max-calls <n>', description: 'the session pauses before more requests than this in all' })
  parseLlmMaxCalls(v: string): number {
    return parseNumber('--llm-max-calls', v);
  }

  @Option({ flags: '--llm-max-cost <usd>', description: 'the session pauses before a request that could pass this cost in all' })
  parseLlmMaxCost(v: string): number {
    return parseNumber('--llm-max-cost', v);
  }

  @Option({ flags: '--json', description: 'print the session as JSON' })
  parseJson(): boolean {
    return true;
  }

  async run(_params: string[], o: StartOptions): Promise<void> {
    const strategy = this.strategies.get(o.strategy!);
    if (o.param) strategy.params = { ...strategy.params, ...o.param };
    // The session's cash is `cash` (split between the sleeves), not the engine's initialCash.
    const { initialCash: _cash, ...engine } = engineOverrides(o);
    const session = await this.startSession(o, strategy, engine);
    if (o.json) return printJson(sessionView(session));
    process.stdout.write(`${session.id}\n`);
  }

  /** The service's errors name the session's fields; on the command line they name the flags. */
  private async startSession(o: StartOptions, strategy: StrategyConfig, engine: EngineOverrides) {
    try {
      return await this.sessions.start({
      strategy,
      symbols: o.symbols,
      cash: o.cash,
      feed: o.feed!,
      broker: o.broker,
      cron: o.cron,
      timeZone: o.timeZone,
      tickEveryMs: o.tickEvery,
      from: o.from,
      to: o.to,
      mode: o.mode,
      llm: llmOverrides(o),
      adjust: o.adjust,
      engine,
      riskFreeRate: o.riskFree,
      maxFailures: o.maxFailures,
      staleAfterDays: o.staleAfterDays,
      aliases: o.aliases,
      });
    } catch (e) {
      if (e instanceof InputError) throw asFlagError(e);
      throw e;
    }
  }
}

const FLAGS: Record<string, string> = {
  cron: '--cron',
  timeZone: '--time-zone',
  tickEvery: '--tick-every',
  symbols: '--symbols',
  feed: '--feed',
  from: '--from',
  to: '--to',
  cash: '--cash',
  broker: '--broker',
  mode: '--mode',
  llm: '--llm-base-url',
  'engine.commission': '--commission',
  'engine.slippageBps': '--slippage-bps',
  'engine.cashRate': '--cash-rate',
  'engine.borrowFeeRate': '--borrow-fee',
  maxFailures: '--max-failures',
  staleAfterDays: '--stale-after-days',
  riskFreeRate: '--risk-free',
};

/** A session field's error as the flag's: `--from: ...` (a usage error, exit 2). */
function asFlagError(e: InputError): InputError {
  const field = e.field ?? '';
  const flag = field.startsWith('strategy.params') ? '--param' : (FLAGS[field] ?? FLAGS[field.split('.')[0]]);
  if (!flag) return e;
  let message = e.message.replace(/^invalid [a-z -]+: /, '');
  // A parameter keeps its name (`--param: fast: ...`); other fields are the flag itself.
  if (message.startsWith('strategy.params.')) message = message.slice('strategy.params.'.length);
  else if (message.startsWith(`${field}: `)) message = message.slice(field.length + 2);
  message = message.replace(/\btickEvery\b/g, '--tick-every');
  return new InputError(`${flag}: ${message}`, flag);
}

@SubCommand({ name: 'list', description: 'list paper sessions, newest first' })
export class PaperListCommand extends CommandRunner {
  constructor(private readonly sessions: PaperSessionsService) {
    super();
  }

  @Option({ flags: '--status <status>', description: PAPER_STATUSES.join(' | ') })
  parseStatus(v: string): PaperStatus {
    return oneOf('--status', v, PAPER_STATUSES);
  }

  @Option({ flags: '--json', description: 'print JSON' })
  parseJson(): boolean {
    return true;
  }

  async run(_params: string[], o: { status?: PaperStatus; json?: boolean }): Promise<void> {
    const sessions = (await this.sessions.list(o.status ? [o.status] : undefined)).map(sessionView);
    if (o.json) return printJson(sessions);
    if (sessions.length === 0) {
      process.stdout.write(o.status ? `no ${o.status} paper sessions\n` : 'no paper sessions yet: try "tradinggroup paper start --strategy sma-cross --feed replay:AAPL --from 2016-01-04 --tick-every 1s"\n');
      return;
    }
    const rows = sessions.map((s) => [s.id, s.status, s.strategy, s.symbols.join(','), s.feed, String(s.barsProcessed), s.lastBar ?? '–', money(s.equity), shortTime(s.lastTickAt), shortTime(s.nextTickAt)]);
    process.stdout.write(
      `${renderTable(['Id', 'Status', 'Strategy', 'Symbols', 'Feed', 'Bars', 'Last bar', 'Equity', 'Last tick (UTC)', 'Next tick (UTC)'], rows, ['left', 'left', 'left', 'left', 'left', 'right', 'left', 'right', 'left', 'left'])}\n`,
    );
  }
}

@SubCommand({ name: 'show', arguments: '<id>', description: 'show one session: status, positions, equity, orders and the last ticks' })
export class PaperShowCommand extends CommandRunner {
  constructor(
    private readonly sessions: PaperSessionsService,
    private readonly repo: PaperRepository,
  ) {
    super();
  }

  @Option({ flags: '--json', description: 'print JSON: the session with its orders (and their fills), positions and equity' })
  parseJson(): boolean {
    return true;
  }

  async run([id]: string[], o: { json?: boolean }): Promise<void> {
    const session = sessionView(await this.sessions.get(id));
    const positions = (await this.repo.positions(id)).map(positionView);
    const orders = (await this.repo.orders(id)).map(orderView);
    const equity = equityView(await this.repo.equity(id), session.symbols, session.cash / session.symbols.length);
    const ticks = (await this.repo.ticks(id, 10)).map(tickView);
    if (o.json) return printJson({ ...session, positions, orders, equity, ticks });
    const lines = [
      `${session.id}  ${session.status}${session.statusReason ? ` (${session.statusReason})` : ''}`,
      `${session.strategy} on ${session.symbols.join(', ')}; feed ${session.feed}; broker ${session.broker}; ${session.mode}; ${session.schedule}`,
      `bars ${session.barsProcessed}${session.firstBar ? ` (${session.firstBar}..${session.lastBar ?? session.firstBar})` : ''}; equity ${money(session.equity ?? session.cash)} of ${money(session.cash)}`,
      `last tick ${shortTime(session.lastTickAt)}${session.lastTickOutcome ? ` ${session.lastTickOutcome}` : ''}${session.lastTickNote ? `: ${session.lastTickNote}` : ''}; next tick ${shortTime(session.nextTickAt)}`,
      '',
    ];
    if (positions.length > 0) {
      lines.push(renderTable(['Symbol', 'As of', 'Quantity', 'Avg price', 'Close', 'Value', 'Cash', 'Equity'], positions.map((p) => [p.symbol, p.asOf, String(p.quantity), money(p.avgPrice), money(p.close), money(p.marketValue), money(p.cash), money(p.equity)])), '');
    }
    const recent = orders.slice(-10);
    if (recent.length > 0) {
      lines.push(`Orders (${recent.length} of ${orders.length}, newest last)`);
      lines.push(
        renderTable(
          ['Symbol', 'Decided', 'Side', 'Qty', 'Reason', 'Status', 'Filled', 'Price'],
          recent.map((r) => [r.symbol, r.decided, r.side, String(r.quantity), r.reason, r.status, r.fill?.date ?? '–', money(r.fill?.price ?? null)]),
        ),
      );
    }
    process.stdout.write(`${lines.join('\n')}\n`);
  }
}

abstract class PaperTransitionCommand extends CommandRunner {
  constructor(protected readonly sessions: PaperSessionsService) {
    super();
  }

  @Option({ flags: '--json', description: 'print the session as JSON' })
  parseJson(): boolean {
    return true;
  }

  protected async finish(session: Awaited<ReturnType<PaperSessionsService['get']>>, o: { json?: boolean }): Promise<void> {
    if (o.json) return printJson(sessionView(session));
    process.stdout.write(`${session.id} ${session.status}\n`);
  }
}

@SubCommand({ name: 'pause', arguments: '<id>', description: 'pause an active session (it keeps its positions and open orders)' })
export class PaperPauseCommand extends PaperTransitionCommand {
  constructor(sessions: PaperSessionsService) {
    super(sessions);
  }

  async run([id]: string[], o: { json?: boolean }): Promise<void> {
    return this.finish(await this.sessions.pause(id), o);
  }
}

@SubCommand({ name: 'resume', arguments: '<id>', description: 'resume a paused session' })
export class PaperResumeCommand extends PaperTransitionCommand {
  constructor(sessions: PaperSessionsService) {
    super(sessions);
  }

  async run([id]: string[], o: { json?: boolean }): Promise<void> {
    return this.finish(await this.sessions.resume(id), o);
  }
}

@SubCommand({ name: 'stop', arguments: '<id>', description: 'stop a session for good (positions are left as they are)' })
export class PaperStopCommand extends PaperTransitionCommand {
  constructor(sessions: PaperSessionsService) {
    super(sessions);
  }

  async run([id]: string[], o: { json?: boolean }): Promise<void> {
    return this.finish(await this.sessions.stop(id), o);
  }
}

@SubCommand({ name: 'report', arguments: '<id>', description: 'write the HTML report of a session so far (the same report as a backtest)' })
export class PaperReportCommand extends CommandRunner {
  constructor(
    private readonly reports: PaperReports,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  @Option({ flags: '--symbol <symbol>', description: 'the sleeve to report (default: the session\'s first symbol)' })
  parseSymbol(v: string): string {
    return v;
  }

  @Option({ flags: '--out <file.html>', description: 'where to write it (default: <backtests dir>/<id>/report.html, or report-<SYMBOL>.html for a session of several symbols)' })
  parseOut(v: string): string {
    return v;
  }

  @Option({ flags: '--json', description: 'print JSON: the session id, the symbol reported and the file written' })
  parseJson(): boolean {
    return true;
  }

  async run([id]: string[], o: { symbol?: string; out?: string; json?: boolean }): Promise<void> {
    const { symbol, html } = await this.reports.render(id, o.symbol);
    const file = o.out ? resolve(o.out) : join(this.config.backtestsDir, id, o.symbol ? `report-${symbol}.html` : 'report.html');
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, html);
    if (o.json) return printJson({ id, symbol, file });
    process.stdout.write(`${file}\n`);
  }
}

@SubCommand({ name: 'run', arguments: '<id>', description: 'run one session in the foreground, without the API, until it ends or Ctrl-C' })
export class PaperRunCommand extends CommandRunner {
  constructor(
    private readonly scheduler: PaperScheduler,
    private readonly sessions: PaperSessionsService,
  ) {
    super();
  }

  async run([id]: string[]): Promise<void> {
    const session = await this.sessions.get(id);
    if (session.status !== 'active') throw new UsageError(`session ${id} is ${session.status}: only an active session runs (resume a paused one with "tradinggroup paper resume ${id}")`);
    this.scheduler.onTick = (_id: string, report: TickReport) => {
      const what = report.processed.length > 0 ? `processed ${report.processed.join(', ')}` : `${report.outcome}${report.note ? `: ${report.note}` : ''}`;
      process.stdout.write(`${new Date().toISOString().slice(0, 19).replace('T', ' ')} ${what}\n`);
    };
    process.stdout.write(`running ${id} (${sessionView(session).schedule}); Ctrl-C stops this process, the session stays active\n`);
    if (!(await this.scheduler.runOnly(id))) {
      const now = await this.sessions.get(id);
      throw new Error(now.status === 'active' ? `session ${id} is run by another process (${now.owner}); stop that process first` : `session ${id} is ${now.status}`);
    }
    const interrupted = new Promise<void>((resolve) => {
      process.once('SIGINT', () => resolve());
      process.once('SIGTERM', () => resolve());
    });
    const ended = (async () => {
      for (;;) {
        await new Promise((r) => setTimeout(r, 500));
        if (!this.scheduler.heldSessions().includes(id)) return;
      }
    })();
    await Promise.race([interrupted, ended]);
    await this.scheduler.stop();
    const final = await this.sessions.get(id);
    process.stdout.write(`${id} ${final.status}${final.statusReason ? ` (${final.statusReason})` : ''}\n`);
  }
}

@Command({
  ...commandMeta(CLI_COMMANDS.paper),
  subCommands: [PaperStartCommand, PaperListCommand, PaperShowCommand, PaperPauseCommand, PaperResumeCommand, PaperStopCommand, PaperReportCommand, PaperRunCommand],
})
export class PaperCommand extends CommandGroup {}

function shortTime(iso: string | null): string {
  return iso ? iso.slice(0, 19).replace('T', ' ') : '–';
}
