import { prefetchPriceFile } from '../data/price-file.prefetch';

/**
 * For `backtest … --data <file>`, starts reading the file on a thread before the application
 * loads (see price-file.prefetch.ts), with the command line's `--symbol` and `--on-bad-row`; any
 * other command line starts nothing. The command's own flag parsing stays the authority: a
 * file read here under options the command does not end up using is simply not taken.
 */
export function prefetchDataFileOf(args: readonly string[]): void {
  if (args[0] !== 'backtest') return;
  const path = flagValue(args, '--data');
  const onBadRow = flagValue(args, '--on-bad-row');
  if (path === undefined || (onBadRow !== undefined && onBadRow !== 'error' && onBadRow !== 'skip')) return;
  prefetchPriceFile(path, { symbol: flagValue(args, '--symbol'), onBadRow });
}

/** The value of `--flag value` or `--flag=value` (the last one given), before any `--`. */
function flagValue(args: readonly string[], flag: string): string | undefined {
  let value: string | undefined;
  for (let i = 1; i < args.length && args[i] !== '--'; i++) {
    if (args[i] === flag && i + 1 < args.length) value = args[++i];
    else if (args[i].startsWith(`${flag}=`)) value = args[i].slice(flag.length + 1);
  }
  return value;
}
