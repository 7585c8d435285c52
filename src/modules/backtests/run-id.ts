import { randomBytes } from 'node:crypto';

/** A unique run id that sorts by time and reads well: `sma-cross-AAPL-20261123-010203-ab12`. */
export function newRunId(strategy: string, symbol: string, now: Date = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  const safeSymbol = symbol.replace(/[^A-Za-z0-9.^_-]/g, '_');
  return `${strategy}-${safeSymbol}-${stamp}-${randomBytes(2).toString('hex')}`;
}
