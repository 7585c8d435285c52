import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { StrategyConfig } from '../../core/strategies/strategy-config';
import { resolveParams, STRATEGY_KINDS } from '../../core/strategies/registry';
import { ZodError } from 'zod';
import { packageRoot } from '../config/package-root';
import { InputError, NotFoundError } from './input.error';


/**
 * Reads strategy files: by name from the strategies directory, or from a path to any
 * `.json` file. Every file is validated, parameters included, before it is used.
 */
export class StrategyCatalog {
  /** Validated files by path, with the modification time and size they had when read. */
  private readonly validated = new Map<string, { mtimeMs: number; size: number; config: StrategyConfig }>();

  constructor(readonly dir: string = defaultStrategiesDir()) {}

  /** Names of the strategy files in the directory, sorted. */
  names(): string[] {
    if (!existsSync(this.dir)) return [];
    return readdirSync(this.dir)
      .filter((f) => f.endsWith('.json'))
      .map((f) => basename(f, '.json'))
      .sort();
  }

  list(): StrategyConfig[] {
    return this.names().map((n) => this.get(n));
  }

  /** A strategy by name (`sma-cross`) or by path (`./my-strategy.json`). */
  get(nameOrPath: string): StrategyConfig {
    const isPath = nameOrPath.endsWith('.json') || nameOrPath.includes('/');
    const file = isPath ? resolve(nameOrPath) : join(this.dir, `${nameOrPath}.json`);
    const stat = statSync(file, { throwIfNoEntry: false });
    if (!stat) {
      if (isPath) throw new NotFoundError(`strategy file not found: ${file}`);
      throw new NotFoundError(`unknown strategy "${nameOrPath}" (known: ${this.names().join(', ')})`);
    }
    // A server reads the same few files for every request: a file unchanged since it was
    // validated is not read again (callers get their own copy, free to change).
    const known = this.validated.get(file);
    if (known && known.mtimeMs === stat.mtimeMs && known.size === stat.size) return structuredClone(known.config);
    const config = this.read(file);
    this.validated.set(file, { mtimeMs: stat.mtimeMs, size: stat.size, config: structuredClone(config) });
    return config;
  }

  private read(file: string): StrategyConfig {
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(file, 'utf8'));
    } catch (e) {
      throw new InputError(`${file}: not valid JSON (${(e as Error).message})`);
    }
    return validateStrategyConfig(raw, file);
  }
}

/** Validates a strategy config (from a file or a request body), parameters included. */
export function validateStrategyConfig(raw: unknown, context: string): StrategyConfig {
  const parsed = StrategyConfig.safeParse(raw);
  if (!parsed.success) throw InputError.fromZod(parsed.error, context);
  const config = parsed.data;
  if (!STRATEGY_KINDS[config.kind]) {
    throw new InputError(`${context}: kind: unknown strategy kind "${config.kind}" (known: ${Object.keys(STRATEGY_KINDS).join(', ')})`, 'kind');
  }
  try {
    resolveParams(config.kind, config.params);
  } catch (e) {
    if (e instanceof ZodError) throw InputError.fromZod(e, context, 'params');
    throw e;
  }
  return config;
}

function defaultStrategiesDir(): string {
  const fromEnv = process.env.TRADINGGROUP_STRATEGIES_DIR;
  return fromEnv ? resolve(fromEnv) : join(packageRoot(), 'strategies');
}
