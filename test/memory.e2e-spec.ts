import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as sqlite3 from 'sqlite3';
import { jsonOf, runCli } from './support/cli-runner';
import { writeNewsTape } from './support/news-tape';

/** Each test runs several backtests and CLI calls; on a busy 2-core machine that takes a while. */
const SLOW = 180_000;
const AGENTS = ['reflection', 'news', 'report', 'forecast', 'style', 'decision', 'risk'];
const ARTIFACTS = ['equity.csv', 'trades.csv', 'orders.csv', 'metrics.json'];

interface StoredRun {
  id: string;
  status: string;
  resultHash: string;
  metrics: Record<string, unknown>;
  manifest: {
    runId: string;
    createdAt: string;
    notes: string[];
    spec: { strategy: { params: { reflection: Record<string, unknown> } } };
    resolved: { params: { reflection: Record<string, unknown> } };
    inputs: { memory: { name: string; cases: string[]; sha256: string; rejected: number } };
  };
}

interface ShownCase {
  id: string;
  decidedAt: string;
  knownAt: string;
  sourceRun: string;
}

interface MemoryView {
  name: string;
  stored: number;
  usable: number;
  cases: ShownCase[];
  rejected: Array<{ id: string; reason: string }>;
}

/**
 * Persistent named memories through the real CLI, on a temp directory and a temp SQLite file:
 * a case labelled after t never reaches the decision at t, even when a later run wrote it into
 * the memory the earlier window reads; the memory is used when its cases are in the past;
 * altered cases are rejected and reported; memories are listed, shown and cleared.
 */
describe('tradinggroup memory and the point-in-time rule of named memories', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tg-memory-'));
  const db = join(dir, 'db', 'runs.sqlite');
  const env = { TRADINGGROUP_DB: db, TRADINGGROUP_DATA_DIR: join(dir, 'data'), TRADINGGROUP_BACKTESTS_DIR: join(dir, 'backtests') };
  const cli = (...args: string[]) => runCli(args, dir, env);
  const runs: Record<'a' | 'b' | 'b0' | 'c' | 'c0', StoredRun> = {} as never;

  /** The packaged tradinggroup strategy with only its reflection block changed. */
  function strategyFile(memory: string): string {
    const base = JSON.parse(readFileSync(resolve(__dirname, '..', 'strategies', 'tradinggroup.json'), 'utf8'));
    base.params.reflection = { ...base.params.reflection, scope: 'named', memory };
    const file = join(dir, `tradinggroup-${memory}.json`);
    writeFileSync(file, JSON.stringify(base, null, 2));
    return file;
  }

  function backtest(memory: string, from: string, to: string): StoredRun {
    // News to trade on: on prices alone the forecaster measures no skill and the strategy would not trade.
    const news = writeNewsTape(dir, 'AAPL', 'Apple', '2014-09-01', '2018-05-11');
    const out = cli('backtest', '--strategy', strategyFile(memory), '--symbol', 'AAPL', '--from', from, '--to', to, '--news', news, '--json');
    expect(out.stderr).toBe('');
    const run = jsonOf<StoredRun>(out);
    expect(run.status).toBe('done');
    return run;
  }

  const show = (name: string, ...args: string[]) => jsonOf<MemoryView>(cli('memory', 'show', name, '--json', ...args));
  const artifact = (run: StoredRun, file: string) => readFileSync(join(dir, 'backtests', run.id, file), 'utf8');
  const decisions = (run: StoredRun, agent: string) => jsonOf<unknown[]>(cli('runs', 'decisions', run.id, '--agent', agent, '--json'));
  /** A run's own cases with the run id taken out. */
  const ownCases = (run: StoredRun) => show(`run:${run.id}`, '--limit', '0').cases.map((c) => ({ ...c, id: c.id.slice(run.id.length), sourceRun: '' }));

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('sets up the sample data', () => {
    const out = cli('data', 'setup');
    expect(out.status).toBe(0);
    expect(out.stdout).toMatch(/AAPL 2013-05-13\.\.2018-05-11/);
    expect(cli('memory', 'list').stdout).toMatch(/no named memories yet/);
  }, SLOW);

  it('runs 2015 on an empty memory, then 2016-2017 writing into "shared" with labels known in 2016-2017', () => {
    runs.b0 = backtest('shared-b0', '2015-01-02', '2015-12-31');
    expect(runs.b0.manifest.inputs.memory).toMatchObject({ name: 'shared-b0', cases: [], rejected: 0 });
    runs.a = backtest('shared', '2016-01-04', '2017-12-29');
    expect(runs.a.manifest.inputs.memory.cases).toEqual([]);
    const shared = show('shared', '--limit', '0');
    expect(shared.rejected).toEqual([]);
    expect(shared.stored).toBeGreaterThan(450);
    expect(shared.cases.every((c) => c.sourceRun === runs.a.id)).toBe(true);
    expect(shared.cases[0].decidedAt.slice(0, 10)).toBe('2016-01-04');
    expect(shared.cases[0].knownAt.slice(0, 10)).toBe('2016-01-05');
    expect(shared.cases[shared.cases.length - 1].knownAt.slice(0, 10)).toBe('2017-12-29');
  }, SLOW);

  it('decides 2015 exactly as on an empty memory although "shared" holds the later run\'s cases', () => {
    const aCases = show('shared', '--limit', '0').cases.map((c) => c.id);
    runs.b = backtest('shared', '2015-01-02', '2015-12-31');
    // The memory was read: every case of run A was loaded, and none of them may count before it was known.
    expect(runs.b.manifest.inputs.memory).toMatchObject({ name: 'shared', rejected: 0 });
    expect(runs.b.manifest.inputs.memory.cases).toEqual(aCases);
    expect(runs.b.resultHash).toBe(runs.b0.resultHash);
    expect(runs.b.metrics).toEqual(runs.b0.metrics);
    for (const file of ARTIFACTS) expect(artifact(runs.b, file)).toBe(artifact(runs.b0, file));
    for (const agent of AGENTS) {
      const trace = decisions(runs.b, agent);
      expect(trace.length).toBeGreaterThan(200);
      expect(trace).toEqual(decisions(runs.b0, agent));
    }
    expect(ownCases(runs.b)).toEqual(ownCases(runs.b0));
    // Everything else in the manifests matches too, once the run ids, times and memory names are set aside.
    expect(comparableManifest(runs.b)).toEqual(comparableManifest(runs.b0));
  }, SLOW);

  it('replays the 2015 run on "shared" to the identical result', () => {
    const out = cli('replay', runs.b.id);
    expect(out.stderr).toBe('');
    expect(out.status).toBe(0);
    expect(out.stdout).toContain(`replay of ${runs.b.id}: identical (result hash ${runs.b0.resultHash})`);
  }, SLOW);

  it('weighs the 2018 decisions differently with the earlier runs\' cases than on an empty memory', () => {
    runs.c0 = backtest('shared-c0', '2018-01-02', '2018-05-11');
    runs.c = backtest('shared', '2018-01-02', '2018-05-11');
    expect(runs.c.manifest.inputs.memory.cases).toHaveLength(show('shared', '--limit', '0').stored - ownCases(runs.c).length);
    expect(runs.c.resultHash).not.toBe(runs.c0.resultHash);
    const first = (run: StoredRun) => (decisions(run, 'reflection')[0] as { date: string; output: { rationale: string } });
    expect(first(runs.c0)).toMatchObject({ date: '2018-01-02', output: { rationale: 'no labelled experience yet' } });
    expect(first(runs.c)).toMatchObject({ date: '2018-01-02', output: { rationale: expect.stringMatching(/^20 recent \+ 5 similar cases/) } });
    // The cases change the weights the decision gives its signals, so its scores. (The test's news is
    // strong enough that the actions, hence the trades, stay the same.)
    const scores = (run: StoredRun) => (decisions(run, 'decision') as Array<{ output: { data: { score: number } } }>).map((d) => d.output.data.score);
    const [withCases, without] = [scores(runs.c), scores(runs.c0)];
    expect(withCases).toHaveLength(without.length);
    expect(withCases.filter((s, i) => Math.abs(s - without[i]) > 1e-3).length).toBeGreaterThan(without.length / 2);
  }, SLOW);

  it('lists the named memories with their cases, symbols, runs, first decision and last known label', () => {
    const sizes = { a: ownCases(runs.a).length, b: ownCases(runs.b).length, c: ownCases(runs.c).length };
    const list = jsonOf<Array<Record<string, unknown>>>(cli('memory', 'list', '--json'));
    expect(list).toEqual([
      { name: 'shared', cases: sizes.a + sizes.b + sizes.c, symbols: ['AAPL'], runs: 3, firstDecision: '2015-01-02T21:00:00.000Z', lastKnown: '2018-05-11T20:00:00.000Z' },
      { name: 'shared-b0', cases: sizes.b, symbols: ['AAPL'], runs: 1, firstDecision: '2015-01-02T21:00:00.000Z', lastKnown: '2015-12-31T21:00:00.000Z' },
      { name: 'shared-c0', cases: sizes.c, symbols: ['AAPL'], runs: 1, firstDecision: '2018-01-02T21:00:00.000Z', lastKnown: '2018-05-11T20:00:00.000Z' },
    ]);
    const table = cli('memory', 'list').stdout;
    expect(table).toMatch(new RegExp(`shared +${sizes.a + sizes.b + sizes.c} +AAPL +3 +2015-01-02 21:00 +2018-05-11 20:00`));
  }, SLOW);

  it('shows the most recent cases of a memory with their labels', () => {
    const view = show('shared', '--limit', '3', '--symbol', 'AAPL');
    expect(view.cases).toHaveLength(3);
    expect(view.cases[2]).toMatchObject({ sourceRun: runs.c.id, symbol: 'AAPL', knownAt: '2018-05-11T20:00:00.000Z', style: expect.any(String) });
    const table = cli('memory', 'show', 'shared', '--limit', '2');
    expect(table.stdout).toMatch(new RegExp(`^memory "shared": ${view.stored} stored cases, ${view.usable} usable, 0 rejected; the 2 most recent by known time`));
    expect(table.stdout).toMatch(/Decided \(UTC\) +Known \(UTC\) +Symbol +Source run +Forecast → realised +w_hit +Action +Best +Regret +Style/);
    expect(table.stdout).toMatch(new RegExp(`2018-05-10 20:00 +2018-05-11 20:00 +AAPL +${runs.c.id}`));
    expect(cli('memory', 'show', 'shared', '--symbol', 'SPX').stdout).toMatch(/^memory "shared" for SPX: 0 stored cases/);
    expect(cli('memory', 'show', 'missing').stderr).toBe('error: no memory named "missing" (see "tradinggroup memory list")\n');
  }, SLOW);

  it('rejects an altered case: memory show lists it and a run reading the memory says so in its notes', async () => {
    const victim = ownCases(runs.c)[10];
    const caseId = `${runs.c.id}${victim.id}`;
    // Someone turns a recorded miss or weak hit into a perfect hit, leaving the checksum as it was.
    const [row] = await sqlAll<{ payload: string }>(db, `SELECT payload FROM memory_cases WHERE memory = 'shared' AND case_id = ?`, [caseId]);
    const payload = JSON.parse(row.payload);
    payload.forecast.outcome = { ...payload.forecast.outcome, signOk: 1, wHit: 1 };
    await sql(db, `UPDATE memory_cases SET payload = ? WHERE memory = 'shared' AND case_id = ?`, [JSON.stringify(payload), caseId]);
    const view = show('shared', '--limit', '0');
    expect(view.rejected).toEqual([{ id: caseId, reason: 'checksum mismatch: the stored case was altered' }]);
    expect(view.usable).toBe(view.stored - 1);
    expect(cli('memory', 'show', 'shared').stdout).toMatch(new RegExp(`Rejected \\(1\\): never handed to a run[\\s\\S]*${caseId} +checksum mismatch: the stored case was altered`));
    const again = backtest('shared', '2018-01-02', '2018-05-11');
    expect(again.manifest.inputs.memory.rejected).toBe(1);
    expect(again.manifest.inputs.memory.cases).not.toContain(caseId);
    const shown = cli('runs', 'show', again.id).stdout;
    expect(shown).toContain('note: memory "shared": 1 stored cases failed their checksum and were not used (checksum mismatch: the stored case was altered)');
  }, SLOW);

  it('rejects a re-checksummed case whose label claims to be known before its decision', async () => {
    const victim = ownCases(runs.a)[0];
    const caseId = `${runs.a.id}${victim.id}`;
    const [row] = await sqlAll<{ payload: string; decided_at: number }>(db, `SELECT payload, decided_at FROM memory_cases WHERE memory = 'shared' AND case_id = ?`, [caseId]);
    const forged = JSON.stringify({ ...JSON.parse(row.payload), knownAt: row.decided_at });
    const checksum = createHash('sha256').update(forged).digest('hex');
    await sql(db, `UPDATE memory_cases SET payload = ?, known_at = ?, checksum = ? WHERE memory = 'shared' AND case_id = ?`, [forged, row.decided_at, checksum, caseId]);
    expect(show('shared', '--limit', '0').rejected).toContainEqual({ id: caseId, reason: 'label known before the decision' });
  }, SLOW);

  it('clears a named memory and refuses to clear a run\'s own memory', () => {
    const size = show('shared-b0', '--limit', '0').stored;
    const refused = cli('memory', 'clear', `run:${runs.a.id}`);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toBe(`error: "run:${runs.a.id}" is the own memory of run ${runs.a.id}: it cannot be cleared with "memory clear"; it is removed with its run\n`);
    expect(show(`run:${runs.a.id}`).stored).toBeGreaterThan(450);
    const cleared = cli('memory', 'clear', 'shared-b0');
    expect(cleared.stderr).toBe('');
    expect(cleared.stdout).toBe(`memory "shared-b0": removed ${size} cases\n`);
    expect(jsonOf<Array<{ name: string }>>(cli('memory', 'list', '--json')).map((m) => m.name)).toEqual(['shared', 'shared-c0']);
    expect(cli('memory', 'clear', 'shared-b0').stderr).toBe('error: no memory named "shared-b0" (see "tradinggroup memory list")\n');
  }, SLOW);
});

/** The manifest without what legitimately differs between two runs on different memories. */
function comparableManifest(run: StoredRun): unknown {
  const m = structuredClone(run.manifest);
  const { runId: _id, createdAt: _at, inputs, ...rest } = m;
  delete rest.spec.strategy.params.reflection.memory;
  delete rest.resolved.params.reflection.memory;
  return { ...rest, inputs: { ...inputs, memory: null } };
}

function sql(file: string, query: string, params: unknown[]): Promise<void> {
  return new Promise((done, fail) => {
    const db = new sqlite3.Database(file);
    db.run(query, params, function (this: { changes: number }, err: Error | null) {
      const changes = this?.changes;
      db.close();
      if (err) fail(err);
      else if (changes !== 1) fail(new Error(`expected to change one row, changed ${changes}: ${query}`));
      else done();
    });
  });
}

function sqlAll<T>(file: string, query: string, params: unknown[]): Promise<T[]> {
  return new Promise((done, fail) => {
    const db = new sqlite3.Database(file);
    db.all(query, params, (err: Error | null, rows: T[]) => {
      db.close();
      if (err) fail(err);
      else done(rows);
    });
  });
}
