import { RunSpecInput } from '../../../core/engine/run-spec';
import { BacktestRequest } from '../../backtests/backtest.service';
import { InputError } from '../../backtests/input.error';
import { StrategyCatalog } from '../../backtests/strategy.catalog';
import { DataService } from '../../data/data.service';
import { engineOverrides, RunOptions } from './run-options';

/**
 * Turns command-line options into a backtest request. A missing --from/--to takes the
 * data's first/last day; a --data file without --symbol takes the file's own symbol.
 */
export function buildRunRequest(
  strategyName: string,
  symbol: string | undefined,
  options: RunOptions,
  strategies: StrategyCatalog,
  data: DataService,
): BacktestRequest {
  const strategy = strategies.get(strategyName);
  if (options.param) strategy.params = { ...strategy.params, ...options.param };
  let from = options.from;
  let to = options.to;
  if (options.data) {
    if (!from || !to || !symbol) {
      const loaded = data.loadFile(options.data, { symbol, onBadRow: options.onBadRow });
      symbol = loaded.symbol;
      from ??= isoOf(loaded.rows[0].time);
      to ??= isoOf(loaded.rows[loaded.rows.length - 1].time + (options.profile === 'finsaber' ? 86_400_000 : 0));
    }
  } else {
    if (!symbol) throw new InputError('--symbol: required (or give a price file with --data)', '--symbol');
    if (!from || !to) {
      const wanted = symbol;
      const entry = data.list().find((d) => d.symbol === wanted.toUpperCase() || d.symbol === wanted);
      if (!entry) throw new InputError(`--symbol: no dataset ${symbol} (import it with "tradinggroup data import", or see "tradinggroup data list")`, '--symbol');
      symbol = entry.symbol;
      from ??= entry.firstDate;
      to ??= entry.lastDate;
    }
  }
  const spec: RunSpecInput = {
    strategy,
    symbol: symbol!,
    from: from!,
    to: to!,
    profile: options.profile ?? 'default',
    adjust: options.adjust,
    engine: engineOverrides(options),
    riskFreeRate: options.riskFree,
  };
  return {
    spec,
    dataFile: options.data,
    onBadRow: options.onBadRow,
    newsFile: options.news,
    fundamentalsFile: options.fundamentals,
    filingFile: options.filing,
    aliases: options.aliases,
  };
}

function isoOf(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}
