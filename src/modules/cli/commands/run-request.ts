import { DAY_MS, isoDay, parseIsoDay } from '../../../core/market/dates';
import { RunSpecInput } from '../../../core/engine/run-spec';
import { BacktestRequest } from '../../backtests/backtest.service';
import { InputError } from '../../backtests/input.error';
import { assertRunIdFits } from '../../backtests/run-id';
import { StrategyCatalog } from '../../backtests/strategy.catalog';
import { DataService } from '../../data/data.service';
import { engineOverrides, llmOverrides, RunOptions } from './run-options';

/** A backtest request made from the command line, with what the user should be told about it. */
export interface CliRunRequest {
  request: BacktestRequest;
  /** E.g. a window clamped to the data; the command prints them on stderr. */
  notices: string[];
}

/** The flags that name a run's strategy and symbol in the command at hand (a usage error names them). */
export interface RunFlags {
  strategy: string;
  symbol: string;
}

/** `backtest`'s flags; `compare` names its lists `--strategies` and `--symbols`. */
export const SINGLE_RUN_FLAGS: RunFlags = { strategy: '--strategy', symbol: '--symbol' };

/** The days a symbol's data covers (ISO `YYYY-MM-DD`, both inclusive). */
interface DataRange {
  symbol: string;
  first: string;
  last: string;
}

/**
 * Turns command-line options into a backtest request. A missing --from/--to takes the data's
 * first/last day; a --data file without --symbol takes the file's own symbol. A window reaching
 * beyond the data is clamped to it, so the run is stored with the window it ran on, and the
 * notice says so; a window wholly outside the data is a usage error naming the data's range.
 */
export function buildRunRequest(
  strategyName: string,
  symbol: string | undefined,
  options: RunOptions,
  strategies: StrategyCatalog,
  data: DataService,
  flags: RunFlags = SINGLE_RUN_FLAGS,
): CliRunRequest {
  const strategy = strategies.get(strategyName);
  if (options.param) strategy.params = { ...strategy.params, ...options.param };
  const range = dataRange(symbol, options, data, flags.symbol);
  let window = { from: options.from!, to: options.to!, notices: [] as string[] };
  if (range !== null) {
    // The finsaber profile's end date is exclusive: the day after the last bar covers it.
    const end = options.profile === 'finsaber' ? isoDay(parseIsoDay(range.last) + DAY_MS) : range.last;
    window = clampWindow(options.from ?? range.first, options.to ?? end, range, end);
  }
  const { from, to, notices } = window;
  const spec: RunSpecInput = {
    strategy,
    symbol: range?.symbol ?? symbol!,
    from,
    to,
    profile: options.profile ?? 'default',
    adjust: options.adjust,
    engine: engineOverrides(options),
    riskFreeRate: options.riskFree,
    ...(options.mode && { mode: options.mode }),
    ...(llmOverrides(options) && { llm: llmOverrides(options) as RunSpecInput['llm'] }),
  };
  runIdFits(strategy.name, spec.symbol, flags);
  const request: BacktestRequest = {
    spec,
    dataFile: options.data,
    onBadRow: options.onBadRow,
    newsFile: options.news,
    fundamentalsFile: options.fundamentals,
    filingFile: options.filing,
    aliases: options.aliases,
  };
  return { request, notices };
}

/**
 * The range of the data the run will read. A --data file that cannot be read, with the symbol and
 * the whole window given, gives null: the run itself reads it again and is stored as failed with
 * the reason, like any run whose data is bad.
 */
function dataRange(symbol: string | undefined, options: RunOptions, data: DataService, symbolFlag: string): DataRange | null {
  if (options.data) {
    let loaded;
    try {
      loaded = data.loadFile(options.data, { symbol, onBadRow: options.onBadRow });
    } catch (error) {
      if (symbol && options.from && options.to) return null;
      throw error;
    }
    const { time, length } = loaded.prices;
    return { symbol: loaded.symbol, first: isoDay(time[0]), last: isoDay(time[length - 1]) };
  }
  if (!symbol) throw new InputError(`${symbolFlag}: required (or give a price file with --data)`, symbolFlag);
  const entry = data.list().find((d) => d.symbol === symbol.toUpperCase() || d.symbol === symbol);
  if (!entry) throw new InputError(`${symbolFlag}: no dataset ${symbol} (import it with "tradinggroup data import", or see "tradinggroup data list")`, symbolFlag);
  return { symbol: entry.symbol, first: entry.firstDate, last: entry.lastDate };
}

/** The asked window within the data's days; an empty intersection names the flag and the data's range. */
function clampWindow(from: string, to: string, range: DataRange, end: string): { from: string; to: string; notices: string[] } {
  const covers = `${range.symbol} data covers ${range.first}..${range.last}`;
  if (from > range.last) throw new InputError(`--from: ${from} is after the end of the data (${covers})`, '--from');
  if (to < range.first) throw new InputError(`--to: ${to} is before the start of the data (${covers})`, '--to');
  if (from > to) throw new InputError(`--from: ${from} is after --to ${to}`, '--from');
  const clamped = { from: from < range.first ? range.first : from, to: to > end ? end : to };
  if (clamped.from === from && clamped.to === to) return { from, to, notices: [] };
  return { ...clamped, notices: [`window ${from}..${to} clamped to the data: running ${clamped.from}..${clamped.to} (${covers})`] };
}

/**
 * A strategy name or symbol that cannot make a run id is a usage error naming the flag, found
 * before anything is stored (the service checks it again for every entry point).
 */
function runIdFits(strategyName: string, symbol: string, flags: RunFlags): void {
  try {
    assertRunIdFits(strategyName, symbol);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    const flag = error.field === 'symbol' ? flags.symbol : flags.strategy;
    throw new InputError(error.message.replace(/^(strategy\.name|symbol):/, `${flag}:`), flag);
  }
}
