import { randomBytes } from 'node:crypto';
import { isSafeName } from '../artifacts/artifact-paths';
import { RUN_ID_LENGTH } from '../persistence/column-types';
import { InputError } from './input.error';

/** What a run id adds to the strategy name and the symbol: `-`, `-YYYYMMDD-HHMMSS-xxxx`. */
const ID_OVERHEAD = 22;

/** The symbol as it appears in a run id (characters a directory name cannot safely hold become `_`). */
function idSymbol(symbol: string): string {
  return symbol.replace(/[^A-Za-z0-9._-]/g, '_');
}

/**
 * Throws an InputError naming `strategy.name` (or `symbol`) unless a run of this strategy on
 * this symbol gets a usable id: one that fits the database column and names a directory.
 */
export function assertRunIdFits(strategy: string, symbol: string): void {
  const room = RUN_ID_LENGTH - ID_OVERHEAD;
  if (strategy.length + idSymbol(symbol).length > room) {
    const field = strategy.length >= room ? 'strategy.name' : 'symbol';
    throw new InputError(
      `${field}: too long for a run id: the strategy name and the symbol may have ${room} characters together (they have ${strategy.length} + ${symbol.length})`,
      field,
    );
  }
  if (!isSafeName(newRunId(strategy, symbol, new Date(0)))) {
    throw new InputError(`strategy.name: "${strategy}" cannot start a run id (letters, digits and dashes, starting with a letter or digit)`, 'strategy.name');
  }
}

/** A unique run id that sorts by time and reads well: `sma-cross-AAPL-20261123-010203-ab12`. */
export function newRunId(strategy: string, symbol: string, now: Date = new Date()): string {
  return `${runIdStem(strategy, symbol, now)}-${randomBytes(2).toString('hex')}`;
}

/** A run id without its last four hex digits: `sma-cross-AAPL-20261123-010203`. */
export function runIdStem(strategy: string, symbol: string, at: Date): string {
  const stamp = at.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `${strategy}-${idSymbol(symbol)}-${stamp}`;
}
