import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isoDay } from '../src/core/market/dates';
import { seededRandom } from '../src/core/studies/mulberry32';
import { EQUITY_CSV_THREAD_ROWS } from '../src/modules/artifacts/equity-csv.thread';
import { openPersistence } from '../src/modules/persistence/open-persistence';
import { cliSandbox, jsonOf } from './support/cli-runner';

/**
 * A run long enough for its equity.csv to be written on a thread of its own, which also makes
 * the run's stored equity block from the same rows: what the database gives back is, number for
 * number, what equity.csv holds.
 */
describe('a long backtest stored', () => {
  const box = cliSandbox('tg-long-run-');
  afterAll(() => box.remove());

  it('stores the equity its equity.csv holds, every row and every digit', async () => {
    const bars = EQUITY_CSV_THREAD_ROWS + 30_000;
    const u = seededRandom(11);
    const lines = ['Date,Open,High,Low,Close,Volume'];
    let close = 50;
    for (let i = 0; i < bars; i++) {
      const open = close;
      close = Math.max(1, Math.round(close * (1 + (u() - 0.5) * 0.04) * 100) / 100);
      lines.push(`${isoDay(Date.UTC(1980, 0, 1) + i * 86_400_000)},${open},${Math.max(open, close) + 0.25},${Math.min(open, close) - 0.25},${close},${1_000 + i}`);
    }
    const file = join(box.dir, 'long.csv');
    writeFileSync(file, `${lines.join('\n')}\n`);
    const run = jsonOf(box.cli('backtest', '-s', 'sma-cross', '--data', file, '--json'));
    expect(run.status).toBe('done');
    const csv = readFileSync(join(box.env.TRADINGGROUP_BACKTESTS_DIR, run.id, 'equity.csv'), 'latin1').trimEnd().split('\n').slice(1);
    const db = await openPersistence(box.env.TRADINGGROUP_DB);
    try {
      const stored = await db.runs.getEquity(run.id);
      expect([stored.length, csv.length]).toEqual([bars, bars]);
      let differing = 0;
      stored.forEach((row, i) => {
        const [date, equity, cash, position, close] = csv[i].split(',');
        if (row.date !== date || String(row.equity) !== equity || String(row.cash) !== cash || String(row.position) !== position || String(row.close) !== close) differing++;
      });
      expect(differing).toBe(0);
    } finally {
      await db.close();
    }
  }, 120_000);
});
