import { NO_MARKET_INPUTS } from '../../core/market/market-inputs';
import { isShared, SHARED_COLUMN_MIN_LENGTH } from '../../core/market/float-column';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { executeBacktest, resolveRun } from '../../core/engine/execute-backtest';
import { RunSpec } from '../../core/engine/run-spec';
import { randomWalkSeries } from '../../core/testing/random-walk';
import { resultHash } from '../artifacts/result-hash';
import { WorkerThreadRunExecutor, defaultWorkerPath } from './worker-thread-run.executor';

/** These specs start the compiled worker in dist/ (`npm test` builds it first). */
describe('WorkerThreadRunExecutor', () => {
  const series = randomWalkSeries(3_000, 7, 'RW', '2010-01-04');
  const resolved = resolveRun(
    RunSpec.parse({
      strategy: { name: 'sma-cross', kind: 'sma-cross', params: { fast: 5, slow: 30 } },
      symbol: 'RW',
      from: '2011-01-03',
      to: '2020-12-31',
    }),
  );
  const dir = mkdtempSync(join(tmpdir(), 'tg-worker-'));
  // A stand-in worker that reports progress once and then keeps its thread busy until terminated.
  const spinningWorker = join(dir, 'spinning.worker.js');
  writeFileSync(spinningWorker, "require('node:worker_threads').parentPort.postMessage({ type: 'progress', fraction: 0.25 });\nfor (;;) {}\n");

  // A stand-in run thread that answers each run with the id of the thread it ran on, and spins
  // forever on a run of the symbol SPIN.
  const threadWorker = join(dir, 'thread.worker.js');
  writeFileSync(
    threadWorker,
    "const { parentPort, threadId } = require('node:worker_threads');\n" +
      "parentPort.on('message', (run) => { if (run.spec.symbol === 'SPIN') for (;;) {} parentPort.postMessage({ type: 'done', result: { threadId }, metrics: {} }); });\n",
  );
  const threadOf = async (executor: WorkerThreadRunExecutor, run = resolved, signal?: AbortSignal) =>
    ((await executor.execute(run, series, NO_MARKET_INPUTS, () => undefined, signal)).result as unknown as { threadId: number }).threadId;

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('resolves its worker script to the compiled run.worker.js', () => {
    expect(defaultWorkerPath()).toMatch(/dist[\\/]src[\\/]modules[\\/]backtests[\\/]run\.worker\.js$/);
  });

  it('produces the same result and metrics as the engine on the calling thread', async () => {
    const executor = new WorkerThreadRunExecutor({ maxWorkers: 1 });
    const progress: number[] = [];
    const inWorker = await executor.execute(resolved, series, NO_MARKET_INPUTS, (f) => progress.push(f));
    const inProcess = executeBacktest(resolved, series);
    expect(inWorker.resolved).toBe(resolved);
    expect(Object.prototype.toString.call(inWorker.result.equity)).toBe('[object Float64Array]');
    expect(inWorker.result.trades.length).toBeGreaterThan(10);
    expect(resultHash(inWorker.result, inWorker.metrics)).toBe(resultHash(inProcess.result, inProcess.metrics));
    expect(progress[progress.length - 1]).toBe(1);
    expect(executor.running).toBe(0);
  });

  it("gives a long run's result, whose columns are in shared memory, as the engine on the calling thread does", async () => {
    const long = randomWalkSeries(SHARED_COLUMN_MIN_LENGTH + 1_000, 11, 'RW', '1800-01-01');
    const run = resolveRun(RunSpec.parse({ strategy: { name: 'sma-cross', kind: 'sma-cross', params: { fast: 5, slow: 30 } }, symbol: 'RW', from: '1800-01-01', to: '2100-12-31' }));
    const executor = new WorkerThreadRunExecutor({ maxWorkers: 1 });
    const inWorker = await executor.execute(run, long, NO_MARKET_INPUTS, () => undefined);
    const inProcess = executeBacktest(run, long);
    expect([isShared(inWorker.result.equity), isShared(inWorker.result.close)]).toEqual([true, true]);
    expect(inWorker.result.equity.length).toBe(long.length);
    expect(resultHash(inWorker.result, inWorker.metrics)).toBe(resultHash(inProcess.result, inProcess.metrics));
  });

  it('hands the decision trace over with every rationale written in', async () => {
    const agents = resolveRun(
      RunSpec.parse({ strategy: { name: 'tradinggroup', kind: 'tradinggroup', params: {} }, symbol: 'RW', from: '2011-01-03', to: '2011-12-30' }),
    );
    const inWorker = await new WorkerThreadRunExecutor({ maxWorkers: 1 }).execute(agents, series, NO_MARKET_INPUTS, () => undefined);
    const inProcess = executeBacktest(agents, series);
    expect(inWorker.result.trace.length).toBeGreaterThan(250 * 4);
    for (const [i, e] of inWorker.result.trace.entries()) {
      expect(typeof (e.output as { rationale: unknown }).rationale).toBe('string');
      expect((e.output as { rationale: string }).rationale).toBe((inProcess.result.trace[i].output as { rationale: string }).rationale);
    }
    expect(resultHash(inWorker.result, inWorker.metrics)).toBe(resultHash(inProcess.result, inProcess.metrics));
  });

  it('rejects with the engine error the worker reports', async () => {
    const outside = resolveRun(RunSpec.parse({ ...resolved.spec, from: '2031-01-02', to: '2031-12-31' }));
    await expect(new WorkerThreadRunExecutor().execute(outside, series, NO_MARKET_INPUTS, () => undefined)).rejects.toThrow('no RW bars between 2031-01-02 and 2031-12-31');
  });

  it('terminates a thread that does not stop its run in time, and rejects with the reason', async () => {
    const executor = new WorkerThreadRunExecutor({ workerPath: spinningWorker, maxWorkers: 1 });
    const controller = new AbortController();
    const progress: number[] = [];
    const run = executor.execute(resolved, series, NO_MARKET_INPUTS, (f) => {
      progress.push(f);
      controller.abort(new Error('stop it'));
    }, controller.signal);
    await expect(run).rejects.toThrow('stop it');
    expect(progress).toEqual([0.25]);
    expect(executor.running).toBe(0);
  });

  it('runs at most maxWorkers at once and lets a waiting run be cancelled before it starts', async () => {
    const executor = new WorkerThreadRunExecutor({ workerPath: spinningWorker, maxWorkers: 1 });
    const first = new AbortController();
    const second = new AbortController();
    const started: string[] = [];
    const a = executor.execute(resolved, series, NO_MARKET_INPUTS, () => started.push('a'), first.signal);
    const b = executor.execute(resolved, series, NO_MARKET_INPUTS, () => started.push('b'), second.signal);
    await waitFor(() => started.includes('a'));
    expect(executor.running).toBe(1);
    second.abort(new Error('not needed'));
    await expect(b).rejects.toThrow('not needed');
    first.abort(new Error('done waiting'));
    await expect(a).rejects.toThrow('done waiting');
    expect(started).toEqual(['a']);
    expect(executor.running).toBe(0);
  });

  it('executes runs one after another on the same thread', async () => {
    const executor = new WorkerThreadRunExecutor({ workerPath: threadWorker, maxWorkers: 1 });
    const first = await threadOf(executor);
    expect(await threadOf(executor)).toBe(first);
    expect(await threadOf(executor)).toBe(first);
  });

  it('runs the next run on a new thread once a run was aborted and its thread did not stop it', async () => {
    const executor = new WorkerThreadRunExecutor({ workerPath: threadWorker, maxWorkers: 1 });
    const before = await threadOf(executor);
    const controller = new AbortController();
    const spinning = threadOf(executor, resolveRun(RunSpec.parse({ ...resolved.spec, symbol: 'SPIN' })), controller.signal);
    await new Promise((r) => setTimeout(r, 50));
    controller.abort(new Error('stop it'));
    await expect(spinning).rejects.toThrow('stop it');
    expect(await threadOf(executor)).not.toBe(before);
  });

  it('stops an aborted run on its thread and runs the next one on the same thread', async () => {
    const executor = new WorkerThreadRunExecutor({ maxWorkers: 1 });
    // TradingGroup over ten years of bars: far longer than the stop takes.
    const long = resolveRun(RunSpec.parse({ strategy: { name: 'tradinggroup', kind: 'tradinggroup', params: {} }, symbol: 'RW', from: '2010-01-04', to: '2020-12-31' }));
    const controller = new AbortController();
    const stopped = executor.execute(long, series, NO_MARKET_INPUTS, () => controller.abort(new Error('stop it')), controller.signal);
    await expect(stopped).rejects.toThrow('stop it');
    const next = await executor.execute(resolved, series, NO_MARKET_INPUTS, () => undefined);
    const inProcess = executeBacktest(resolved, series);
    expect(resultHash(next.result, next.metrics)).toBe(resultHash(inProcess.result, inProcess.metrics));
    expect(executor.threadsStarted).toBe(1);
    expect(executor.running).toBe(0);
  });

  it('gives the same result on a reused thread as on a new one', async () => {
    const executor = new WorkerThreadRunExecutor({ maxWorkers: 1 });
    const first = await executor.execute(resolved, series, NO_MARKET_INPUTS, () => undefined);
    const second = await executor.execute(resolved, series, NO_MARKET_INPUTS, () => undefined);
    expect(resultHash(second.result, second.metrics)).toBe(resultHash(first.result, first.metrics));
    expect(second.metrics).toEqual(first.metrics);
  });

  it('refuses with a clear message when the worker script is missing', async () => {
    const executor = new WorkerThreadRunExecutor({ workerPath: join(dir, 'absent.js') });
    await expect(executor.execute(resolved, series, NO_MARKET_INPUTS, () => undefined)).rejects.toThrow(/absent\.js is missing: build the project first/);
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
}
