import { readFileSync } from 'node:fs';
import { Option } from 'nest-commander';
import { InputError } from '../../backtests/input.error';
import { StudyRunOptions } from '../../studies/study-request';
import { studyMetric } from '../../studies/study.views';
import { StudyMetric } from '../../../core/studies/study-metric';
import { isoDay, wholeNumber } from './flag-values';
import { EngineOptionsCommand, engineOverrides, oneOf, parseAliasList, parseParam, RunOptions } from './run-options';

/** Options shared by `sweep` and `evaluate`. */
export interface StudyOptions extends Pick<RunOptions, 'cash' | 'commission' | 'slippageBps' | 'fillAt' | 'allowShort' | 'cashRate' | 'borrowFee'>, Omit<StudyRunOptions, 'engine'> {
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

/** The run settings of every run of a study, from the flags (the same flags, parsed the same way, as `backtest`). */
export function studyRunOptions(o: StudyOptions): StudyRunOptions {
  const { from, to, profile, adjust, riskFree, param, aliases } = o;
  const engine = engineOverrides(o);
  return Object.fromEntries(
    Object.entries({ from, to, profile, adjust, riskFree, param, aliases, engine: Object.keys(engine).length > 0 ? engine : undefined }).filter(([, v]) => v !== undefined),
  ) as StudyRunOptions;
}

/**
 * A study command's flags: the engine flags of `backtest` (EngineOptionsCommand: no price file,
 * no llm mode), the study's span, symbols, workers and output.
 */
export abstract class StudyOptionsCommand extends EngineOptionsCommand {
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

  @Option({ flags: '--param <key=value>', description: 'a strategy parameter every run uses (repeatable)' })
  override parseParam(v: string, previous?: Record<string, unknown>): Record<string, unknown> {
    return parseParam(v, previous);
  }

  @Option({ flags: '--aliases <names>', description: 'comma-separated names the news may use for the symbol (tradinggroup)' })
  override parseAliases(v: string): string[] {
    return parseAliasList(v);
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
