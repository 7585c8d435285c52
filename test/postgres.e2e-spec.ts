import { createHash } from 'node:crypto';
import { createPostgresDatabase } from './support/databases';
import { CliSandbox, cliSandbox, CliResult, jsonOf, runCli } from './support/cli-runner';
import { describeWithPostgres } from './support/services';

/**
 * The whole CLI on Postgres (`TRADINGGROUP_DB=postgres://…`): the same comparison as on SQLite
 * gives the same result hashes, and what is stored reads back the same.
 */
describeWithPostgres('the CLI on Postgres', () => {
  let sqlite: CliSandbox;
  let postgresUrl: string;
  let drop: () => Promise<void>;
  const onPostgres = (...args: string[]) => runCli(args, sqlite.dir, { ...sqlite.env, TRADINGGROUP_DB: postgresUrl });
  const compare = ['compare', '--strategies', 'sma-cross,tradinggroup', '--symbols', 'AAPL,SPX', '--from', '2015-01-02', '--to', '2015-12-31', '--json'];

  beforeAll(async () => {
    sqlite = cliSandbox('tg-pg-');
    ({ url: postgresUrl, drop } = await createPostgresDatabase());
    expect(sqlite.cli('data', 'setup').status).toBe(0);
  });
  afterAll(async () => {
    sqlite.remove();
    await drop();
  });

  it('stores a comparison whose result hashes equal those of the same comparison on SQLite, and replays it', () => {
    type Row = { id: string; strategy: string; symbol: string; status: string; resultHash?: string };
    const onSqlite = jsonOf<Row[]>(sqlite.cli(...compare));
    const pg = onPostgres(...compare);
    expect(pg.status).toBe(0);
    const onPg = jsonOf<Row[]>(pg);
    const hashes = (rows: Row[], cli: (...a: string[]) => { stdout: string }) =>
      rows.map((r) => [r.strategy, r.symbol, (JSON.parse(cli('runs', 'show', r.id, '--json').stdout) as { resultHash: string }).resultHash]);
    expect(hashes(onPg, onPostgres)).toEqual(hashes(onSqlite, sqlite.cli));
    expect(onPg.every((r) => r.status === 'done')).toBe(true);

    const tg = onPg.find((r) => r.strategy === 'tradinggroup' && r.symbol === 'AAPL')!;
    const tgSqlite = onSqlite.find((r) => r.strategy === 'tradinggroup' && r.symbol === 'AAPL')!;
    const decisions = jsonOf<unknown[]>(onPostgres('runs', 'decisions', tg.id, '--date', '2015-06-01', '--json'));
    expect(decisions.length).toBeGreaterThan(3);
    expect(decisions).toEqual(jsonOf(sqlite.cli('runs', 'decisions', tgSqlite.id, '--date', '2015-06-01', '--json')));
    const replay = onPostgres('replay', tg.id);
    expect(replay.status).toBe(0);
    expect(replay.stdout).toMatch(/identical/);
  });

  it('stores a sweep whose results and summary hash the same as the same sweep on SQLite', () => {
    const sweep = ['sweep', '--strategy', 'sma-cross', '--grid', 'fast=5|10,slow=30|40', '--symbols', 'AAPL,SPX', '--from', '2015-01-02', '--to', '2016-12-30', '--keep-best', '1', '--json'];
    const hashOf = (cli: (...a: string[]) => CliResult) => {
      const id = jsonOf<{ id: string }>(cli(...sweep)).id;
      const shown = jsonOf<{ status: string; summary: unknown; results: Array<{ index: number; runId: string | null }> }>(cli('sweep', 'show', id, '--json'));
      expect(shown.status).toBe('done');
      const results = shown.results.map(({ runId, ...r }) => ({ ...r, stored: runId !== null })).sort((a, b) => a.index - b.index);
      return createHash('sha256').update(JSON.stringify({ results, summary: shown.summary })).digest('hex');
    };
    expect(hashOf(onPostgres)).toBe(hashOf(sqlite.cli));
  });
});
