import { join } from 'node:path';
import { getPriority } from 'node:os';
import { Worker } from 'node:worker_threads';
import { packageRoot } from '../config/package-root';

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
});
