import { Injectable } from '@nestjs/common';
import { ResolvedRun } from '../../core/engine/execute-backtest';
import { RunSpecInput } from '../../core/engine/run-spec';
import { StrategyConfig } from '../../core/strategies/strategy-config';
import { BacktestRequest, BacktestService } from '../backtests/backtest.service';
import { InputError, NotFoundError } from '../backtests/input.error';
import { StrategyCatalog, validateStrategyConfig } from '../backtests/strategy.catalog';
import { DataService } from '../data/data.service';
import { CreateBacktestDto } from './dto/create-backtest.dto';
import { STRATEGY_NAME_PATTERN } from './dto/validators';

/** How strategy files are named in strategies/ (a path is never accepted over HTTP). */
export const STRATEGY_NAME = new RegExp(STRATEGY_NAME_PATTERN);

/**
 * Turns a `POST /backtests` body into one backtest request per symbol, validated in full
 * (the same run-spec schema as the CLI) before any run starts. Every InputError names the
 * body field at fault: `strategy`, `symbols`, `params.fast`, `engine.fillAt`, `from`...
 */
@Injectable()
export class BacktestRequestMapper {
  constructor(
    private readonly strategies: StrategyCatalog,
    private readonly data: DataService,
    private readonly backtests: BacktestService,
  ) {}

  requestsOf(body: CreateBacktestDto): BacktestRequest[] {
    const strategy = this.strategyOf(body.strategy);
    strategy.params = { ...strategy.params, ...(body.params ?? {}) };
    if (body.cash !== undefined && body.engine?.initialCash !== undefined) {
      throw new InputError('cash: give cash or engine.initialCash, not both', 'cash');
    }
    const engine = { ...(body.engine ?? {}), ...(body.cash !== undefined ? { initialCash: body.cash } : {}) };
    const known = new Map(this.data.list().map((d) => [d.symbol, d.symbol]));
    return body.symbols.map((wanted) => {
      const symbol = known.get(wanted) ?? known.get(wanted.toUpperCase());
      if (!symbol) throw new InputError(`symbols: no dataset ${wanted} (see GET /datasets)`, 'symbols');
      const spec: RunSpecInput = {
        strategy: { ...strategy, params: { ...strategy.params } },
        symbol,
        from: body.from,
        to: body.to,
        profile: body.profile,
        mode: body.mode,
        adjust: body.adjust,
        engine: engine as RunSpecInput['engine'],
        riskFreeRate: body.riskFreeRate,
        seed: body.seed,
        ...(body.llm !== undefined && { llm: body.llm as RunSpecInput['llm'] }),
      };
      return { spec, resolved: this.validate(spec, body) };
    });
  }

  private strategyOf(ref: string | Record<string, unknown>): StrategyConfig {
    if (typeof ref !== 'string') {
      try {
        return validateStrategyConfig(ref, 'strategy');
      } catch (e) {
        if (e instanceof InputError) {
          const field = e.field ? `strategy.${e.field}` : 'strategy';
          throw new InputError(e.field ? e.message.replace(`strategy: ${e.field}:`, `${field}:`) : e.message, field);
        }
        throw e;
      }
    }
    if (!STRATEGY_NAME.test(ref)) throw new InputError(`strategy: "${ref}" is not a strategy name (see GET /strategies)`, 'strategy');
    try {
      return this.strategies.get(ref);
    } catch (e) {
      if (e instanceof NotFoundError || e instanceof InputError) throw new InputError(`strategy: ${e.message}`, 'strategy');
      throw e;
    }
  }

  /** The service's validation, its field names mapped back to the body's. */
  private validate(spec: RunSpecInput, body: CreateBacktestDto): ResolvedRun {
    try {
      return this.backtests.validate(spec);
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      const field = bodyField(e.field, body);
      const message = field && e.field && field !== e.field ? e.message.split(`${e.field}:`).join(`${field}:`) : e.message;
      throw new InputError(message, field);
    }
  }
}

function bodyField(field: string | undefined, body: CreateBacktestDto): string | undefined {
  if (!field) return undefined;
  if (field === 'symbol') return 'symbols';
  if (field === 'engine.initialCash' && body.cash !== undefined) return 'cash';
  const param = /^strategy\.params(?:\.([^.]+))?/.exec(field);
  if (param && body.params && (param[1] === undefined || param[1] in body.params)) return field.slice('strategy.'.length);
  return field;
}
