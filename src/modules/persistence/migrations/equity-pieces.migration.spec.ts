import { DataSource } from 'typeorm';
import { describeEachDatabase } from '../../../../test/support/databases';
import { seededRandom } from '../../../core/studies/mulberry32';
import { dataSourceOptions } from '../data-source.factory';
import { decodeEquity, encodeEquity } from '../run-series.codec';
import { RunsRepository } from '../runs.repository';
import { insertRunRow } from '../testing/run-row.fixture';
import { sampleResult } from '../testing/sample-result.fixture';
import { MIGRATIONS } from '.';
import { EquityPieces1700000000060 } from './1700000000060-equity-pieces.migration';

/** The equity-pieces migration: stored blocks read as before, and undoing it puts pieced blocks back whole. */
describeEachDatabase('EquityPieces1700000000060', (db) => {
  const open = async (location: string, migrations: unknown[]) => new DataSource({ ...dataSourceOptions(location), migrations: migrations as never }).initialize();

  it('keeps the blocks stored before it, and undoes cleanly with a long run stored in pieces', async () => {
    const location = await db.fresh();
    const old = await open(location, MIGRATIONS.slice(0, MIGRATIONS.indexOf(EquityPieces1700000000060)));
    for (const id of ['before', 'long']) await insertRunRow(old, id, 'running');
    const before = sampleResult(40, 1);
    await old.query(`INSERT INTO "run_series" ("run_id", "start_bar", "bars", "equity") VALUES (${[1, 2, 3, 4].map(db.mark).join(', ')})`, ['before', 3, 40, encodeEquity(before)]);
    await old.destroy();

    const migrated = await open(location, MIGRATIONS);
    const runs = new RunsRepository(migrated);
    expect((await runs.getEquity('before')).map((p) => [p.barIndex, p.equity])).toEqual(Array.from(before.equity, (e, i) => [3 + i, e]));
    // Values that hardly compress: a block of more than a megabyte, stored in pieces.
    const long = sampleResult(70_000, 3);
    const u = seededRandom(9);
    for (let i = 0; i < long.equity.length; i++) [long.equity[i], long.cash[i]] = [u() * 1e6, u() * 1e5];
    await runs.completeRun('long', { manifest: {}, metrics: {}, timings: {}, resultHash: 'b'.repeat(64), artifactsDir: '/tmp/long' }, long);
    const [{ count }] = await migrated.query(`SELECT COUNT(*) AS "count" FROM "run_equity_pieces"`);
    expect(Number(count)).toBeGreaterThanOrEqual(2);

    await migrated.undoLastMigration();
    const rows = (await migrated.query(`SELECT "run_id", "equity" FROM "run_series" ORDER BY "run_id"`)) as Array<{ run_id: string; equity: Buffer }>;
    const whole = decodeEquity(Buffer.from(rows.find((r) => r.run_id === 'long')!.equity));
    let differing = 0;
    for (let i = 0; i < long.equity.length; i++) if (!Object.is(whole.equity[i], long.equity[i]) || !Object.is(whole.cash[i], long.cash[i])) differing++;
    expect([whole.equity.length, differing]).toEqual([70_000, 0]);
    await expect(migrated.query(`SELECT * FROM "run_equity_pieces"`)).rejects.toThrow();
    await migrated.destroy();

    // Migrated again, both blocks read from their rows.
    const again = await open(location, MIGRATIONS);
    const reread = new RunsRepository(again);
    expect((await reread.getEquity('long')).map((p) => p.equity)).toEqual(Array.from(long.equity));
    expect((await reread.getEquity('before')).length).toBe(40);
    await again.destroy();
  });
});
