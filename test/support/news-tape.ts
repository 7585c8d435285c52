import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Writes a news file with a headline about `symbol` every weekday from `from` to `to` (ISO days),
 * good or bad news for a few days at a time, and returns its path. On prices alone the TradingGroup
 * forecaster measures no skill and the strategy does not trade; tests that need it to trade give
 * it this news.
 */
export function writeNewsTape(dir: string, symbol: string, name: string, from: string, to: string): string {
  const file = join(dir, `news-${symbol.toLowerCase()}.jsonl`);
  const lines: string[] = [];
  let good = true;
  for (let day = Date.parse(`${from}T00:00:00Z`), k = 0; day <= Date.parse(`${to}T00:00:00Z`); day += 86_400_000, k++) {
    if ([0, 6].includes(new Date(day).getUTCDay())) continue;
    if (k % 7 === 0 || k % 11 === 0) good = !good;
    const headline = good ? `${name} shares surge after record profit and strong growth` : `${name} shares plunge after weak results, losses widen`;
    lines.push(JSON.stringify({ timestamp: new Date(day + 15 * 3_600_000).toISOString(), symbol, headline }));
  }
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}
