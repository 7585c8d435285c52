import { join } from 'node:path';
import { getPriority } from 'node:os';
import { Worker } from 'node:worker_threads';
import { packageRoot } from '../config/package-root';
import { RUN_THREAD } from './run-thread-messages';

/** Runs the compiled module in a worker thread (`npm test` builds it first), as the run threads do. */
const describeOnLinux = process.platform === 'linux' ? describe : describe.skip;

describeOnLinux('lowerThisThreadsPriority', () => {
  it('lowers the priority of the thread that calls it and of no other', async () => {
    const module = join(packageRoot(), 'dist', 'src', 'modules', 'backtests', 'thread-priority.js');
    const before = getPriority(0);
    const code = `const { parentPort } = require('node:worker_threads'); const os = require('node:os');
      require(${JSON.stringify(module)}).lowerThisThreadsPriority(); parentPort.postMessage(os.getPriority(0));`;
    const worker = new Worker(code, { eval: true });
    const inWorker = await new Promise<number>((resolve, reject) => worker.once('message', resolve).once('error', reject));
    await worker.terminate();
    expect(inWorker).toBeGreaterThan(before);
    expect(getPriority(0)).toBe(before);
  });

  it('is lowered by a run thread before it loads the engine and the report', async () => {
    const entry = join(packageRoot(), 'dist', 'src', 'modules', 'backtests', 'run.worker.js');
    // Notes the thread's priority, and how many modules it has loaded, when the run thread's body is asked for.
    const code = `const Module = require('node:module'); const os = require('node:os'); const { parentPort } = require('node:worker_threads');
      const load = Module._load; const seen = {};
      Module._load = function (request) { if (request === './run-thread' && !seen.priority) seen.priority = os.getPriority(0), seen.loaded = Object.keys(require.cache).length; return load.apply(this, arguments); };
      require(${JSON.stringify(entry)}); parentPort.postMessage({ ...seen, after: Object.keys(require.cache).length });`;
    const worker = new Worker(code, { eval: true, workerData: { kind: RUN_THREAD } });
    const seen = await new Promise<{ priority: number; loaded: number; after: number }>((resolve, reject) => worker.once('message', resolve).once('error', reject));
    await worker.terminate();
    expect(seen.priority).toBeGreaterThan(getPriority(0));
    // The entry, the priority helper and the message constants only; the engine and the report come after.
    expect(seen.loaded).toBeLessThanOrEqual(3);
    expect(seen.after).toBeGreaterThan(50);
  });
});
