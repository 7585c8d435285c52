import { DataSource } from 'typeorm';
import { describeEachDatabase } from '../../../../test/support/databases';
import { dataSourceOptions } from '../data-source.factory';
import { memoryCase } from '../../../core/reflection/memory-case.fixture';
import { toMemoryCaseEntity } from '../memory-case.codec';
import { MemoryRepository } from '../memory.repository';
import { RunsRepository } from '../runs.repository';
import { MIGRATIONS } from '.';
import { RunSeries1700000000030 } from './1700000000030-run-series.migration';

/** The compact series migration on a database that holds runs stored as rows: they read back the same. */
describeEachDatabase('RunSeries1700000000030', (db) => {
  const open = async (location: string, migrations: unknown[]) => new DataSource({ ...dataSourceOptions(location), migrations: migrations as never }).initialize();

  it('moves stored equity rows and trace rows into blocks, and undoes cleanly', async () => {
    const location = await db.fresh();
    const m = db.mark;
    const old = await open(location, MIGRATIONS.slice(0, MIGRATIONS.indexOf(RunSeries1700000000030)));
    await old.query(
      `INSERT INTO "runs" ("id", "kind", "status", "strategy", "symbol", "profile", "mode", "from_date", "to_date", "config", "timings", "progress", "created_at")
       VALUES ('r1', 'backtest', 'done', 'tradinggroup', 'AAPL', 'default', 'analytic', '2020-01-01', '2020-01-03', '{}', '{}', 1, '2026-01-01T00:00:00.000Z')`,
    );
    const equity = [
      [5, '2020-01-01', 100000, 100000, 0, 10.25],
      [6, '2020-01-02', 45648.9964320002, 0.1 + 0.2, 12, 11.5],
      [7, '2020-01-03', 99999.5, 1e-9, 0, 12.125],
    ];
    for (const row of equity) await old.query(`INSERT INTO "run_equity" VALUES (${m(1)}, ${m(2)}, ${m(3)}, ${m(4)}, ${m(5)}, ${m(6)}, ${m(7)})`, ['r1', ...row]);
    const outputs = [{ action: 'BUY', confidence: 0.7 }, { p: [0.2, 0.5, 0.3] }, { action: 'HOLD' }];
    const decisions: Array<[number, number, string, string, unknown]> = [[0, 5, '2020-01-01', 'decision', outputs[0]], [1, 6, '2020-01-02', 'forecast', outputs[1]], [2, 6, '2020-01-02', 'decision', outputs[2]]];
    for (const [seq, bar, date, agent, output] of decisions) {
      await old.query(`INSERT INTO "run_decisions" VALUES (${m(1)}, ${m(2)}, ${m(3)}, ${m(4)}, ${m(5)}, ${m(6)})`, ['r1', seq, bar, date, agent, JSON.stringify(output)]);
    }
    const cases = [1, 2].map((i) => memoryCase(i, { id: `AAPL:${Date.UTC(2020, 0, i, 21)}`, symbol: 'AAPL', decidedAt: Date.UTC(2020, 0, i, 21) }));
    for (const memory of ['run:r1', 'shared']) {
      for (const c of cases) {
        const e = toMemoryCaseEntity(memory, 'r1', c);
        await old.query(`INSERT INTO "memory_cases" VALUES (${m(1)}, ${m(2)}, ${m(3)}, ${m(4)}, ${m(5)}, ${m(6)}, ${m(7)}, ${m(8)})`, [
          e.memory, e.caseId, e.sourceRun, e.symbol, e.decidedAt, e.knownAt, e.payload, e.checksum,
        ]);
      }
    }
    await old.destroy();

    const migrated = await open(location, MIGRATIONS);
    const runs = new RunsRepository(migrated);
    const expectedEquity = equity.map(([barIndex, date, e, cash, position, close]) => ({ barIndex, date, equity: e, cash, position, close }));
    expect(await runs.getEquity('r1')).toEqual(expectedEquity);
    expect(await runs.getDecisions('r1')).toEqual(decisions.map(([, barIndex, date, agent, output]) => ({ barIndex, date, agent, output })));
    expect(await runs.getDecisions('r1', { date: '2020-01-02', agent: 'decision' })).toEqual([{ barIndex: 6, date: '2020-01-02', agent: 'decision', output: outputs[2] }]);
    expect(await runs.getDecisionAgents('r1')).toEqual(['decision', 'forecast']);
    const memories = new MemoryRepository(migrated);
    const own = await memories.runCases('r1');
    expect(own.rejected).toEqual([]);
    expect(own.cases.map((c) => c.id)).toEqual(cases.map((c) => c.id));
    expect((await memories.load('shared')).cases).toEqual(own.cases);
    expect(await migrated.query(`SELECT "memory" FROM "memory_cases" ORDER BY "case_id"`)).toEqual([{ memory: 'shared' }, { memory: 'shared' }]);

    // Later migrations are undone first, then this one.
    while ((await migrated.query(`SELECT "name" FROM "migrations" ORDER BY "id" DESC LIMIT 1`))[0].name !== 'RunSeries1700000000030') await migrated.undoLastMigration();
    await migrated.undoLastMigration();
    const rows = await migrated.query(`SELECT "bar_index", "equity", "cash" FROM "run_equity" ORDER BY "bar_index"`);
    expect(rows.map((r: { equity: number }) => r.equity)).toEqual([100000, 45648.9964320002, 99999.5]);
    expect(await migrated.query(`SELECT "seq", "agent", "output" FROM "run_decisions" ORDER BY "seq"`)).toEqual(
      decisions.map(([seq, , , agent, output]) => ({ seq, agent, output: JSON.stringify(output) })),
    );
    expect(await migrated.query(`SELECT DISTINCT "memory" FROM "memory_cases" ORDER BY "memory"`)).toEqual([{ memory: 'run:r1' }, { memory: 'shared' }]);
    await migrated.destroy();
  });
});
