import { readFileSync } from 'node:fs';
import { CommandRunner, Option } from 'nest-commander';
import { EngineOverrides } from '../../../core/engine/run-spec';
import { InputError } from '../../backtests/input.error';
import { StudyRunOptions } from '../../studies/study-request';
import { studyMetric } from '../../studies/study.views';
import { StudyMetric } from '../../../core/studies/study-metric';
import { isoDay, wholeNumber } from './flag-values';
import { oneOf, parseCommission, parseNumber, parseParam } from './run-options';

/** Options shared by `sweep` and `evaluate`. */
export interface StudyOptions extends StudyRunOptions {
  symbols?: string[];
  workers?: number;
  sort?: StudyMetric;
  order?: 'desc' | 'asc';
  top?: number;
  json?: boolean;
}

/** `AAPL,SPX`, or `@file:symbols.txt` (symbols separated by commas, spaces or lines; `#` starts a comment). */
export function parseSymbolList(value: string): string[] {
  let text = value;
  if (value.startsWith('@file:')) {
    const path = value.slice('@file:'.length);
    try {
      text = readFileSync(path, 'utf8').replace(/#.*$/gm, '');
    } catch (e) {
      throw new InputError(`--symbols: cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, '--symbols');
    }
  }
  const symbols = text.split(/[\s,]+/).map((s) => s.trim()).filter(Boolean);
  if (symbols.length === 0) throw new InputError(`--symbols: no symbols in "${value}"`, '--symbols');
  return [...new Set(symbols)];
}

/** The run settings of every run of a study, from the flags (the same flags as `backtest`). */
export function studyRunOptions(o: StudyOptions): StudyRunOptions {
  const { from, to, profile, adjust, cash, commission, slippageBps, fillAt, allowShort, riskFree, param, aliases } = o;
  return Object.fromEntries(
    Object.entries({ from, to, profile, adjust, cash, commission, slippageBps, fillAt, allowShort, riskFree, param, aliases }).filter(([, v]) => v !== undefined),
  ) as StudyRunOptions;
}

/** A study command's flags: the run settings of `backtest` (no price file, no llm mode), symbols, workers and output. */
export abstract class StudyOptionsCommand extends CommandRunner {
  @Option({ flags: '--symbols <list>', description: 'comma-separated imported symbols, or @file:<path> with one per line' })
  parseSymbols(v: string): string[] {
    return parseSymbolList(v);
  }

  @Option({ flags: '--from <date>', description: 'first day of the study (YYYY-MM-DD; default: first day of the data)' })
  parseFrom(v: string): string {
    return isoDay('--from', v);
  }

  @Option({ flags: '--to <date>', description: 'last day of the study (inclusive; default: last day of the data)' })
  parseTo(v: string): string {
    return isoDay('--to', v);
  }

  @Option({ flags: '--profile <name>', description: 'default | finsaber', defaultValue: 'default' })
  parseProfile(v: string): string {
    return oneOf('--profile', v, ['default', 'finsaber'] as const);
  }

  @Option({ flags: '--adjust <policy>', description: "price adjustment: none | splits | total | auto (default: the profile's)" })
  parseAdjust(v: string): string {
    return oneOf('--adjust', v, ['none', 'splits', 'total', 'auto'] as const);
  }

  @Option({ flags: '--cash <amount>', description: 'starting cash (default 100000)' })
  parseCash(v: string): number {
    return parseNumber('--cash', v);
  }

  @Option({ flags: '--commission <model>', description: 'per-share:0.0049:0.99:0.01 (default) | percent:RATE | fixed:AMOUNT | none' })
  parseCommission(v: string): EngineOverrides['commission'] {
    return parseCommission(v);
  }

  @Option({ flags: '--slippage-bps <bps>', description: 'adverse slippage on market and stop fills, in basis points (default 0)' })
  parseSlippage(v: string): number {
    return parseNumber('--slippage-bps', v);
  }

  @Option({ flags: '--fill-at <when>', description: 'next-open (default) | close' })
  parseFillAt(v: string): string {
    return oneOf('--fill-at', v, ['next-open', 'close'] as const);
  }

  @Option({ flags: '--allow-short', description: 'allow short positions' })
  parseAllowShort(): boolean {
    return true;
  }

  @Option({ flags: '--risk-free <rate>', description: 'annual risk-free rate for Sharpe and Sortino (default 0.03)' })
  parseRiskFree(v: string): number {
    return parseNumber('--risk-free', v);
  }

  @Option({ flags: '--param <key=value>', description: 'a strategy parameter every run uses (repeatable)' })
  parseParam(v: string, previous?: Record<string, unknown>): Record<string, unknown> {
    return parseParam(v, previous);
  }

  @Option({ flags: '--aliases <names>', description: 'comma-separated names the news may use for the symbol (tradinggroup)' })
  parseAliases(v: string): string[] {
    return v.split(',').map((a) => a.trim().toLowerCase()).filter(Boolean);
  }

  @Option({ flags: '--workers <n>', description: 'worker threads (default: every core; 0 runs on the main thread)' })
  parseWorkers(v: string): number {
    return wholeNumber('--workers', v, 0, 256);
  }

  @Option({ flags: '--top <n>', description: 'rows of the ranked table (default 20; --json prints every run)' })
  parseTop(v: string): number {
    return wholeNumber('--top', v, 1, 1_000_000);
  }

  @Option({ flags: '--json', description: 'print JSON: every run with its parameters, symbol and metrics, and the summary' })
  parseJson(): boolean {
    return true;
  }
}

/** `--sort` and `--order`, for the commands that rank. */
export function parseSortFlag(v: string): StudyMetric {
  return studyMetric('--sort', v);
}

export function parseOrderFlag(v: string): 'desc' | 'asc' {
  return oneOf('--order', v, ['desc', 'asc'] as const);
}
