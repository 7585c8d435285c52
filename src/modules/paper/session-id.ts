import { randomBytes } from 'node:crypto';

/** A unique session id that sorts by time and reads well: `paper-sma-cross-AAPL-20261123-010203-ab12`. */
export function newSessionId(strategy: string, symbols: readonly string[], now: Date = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  const shown = symbols.length === 1 ? symbols[0] : `${symbols[0]}+${symbols.length - 1}`;
  return `paper-${strategy}-${shown.replace(/[^A-Za-z0-9.^_+-]/g, '_')}-${stamp}-${randomBytes(2).toString('hex')}`;
}
