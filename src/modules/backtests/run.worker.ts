import { workerData } from 'node:worker_threads';
import { lowerThisThreadsPriority } from './thread-priority';
import { RUN_THREAD, RunThreadData } from './run-thread-messages';

/*
 * Worker-thread entry of WorkerThreadRunExecutor. A run thread lowers its CPU priority before
 * it loads the engine, the report and their modules (run-thread.ts): that loading is most of a
 * new thread's start (about 0.1 s of CPU), and a thread started while the server answers a
 * burst of requests must give way to it from the start.
 */
const data = workerData as Partial<RunThreadData> | undefined;
if (data?.kind === RUN_THREAD) {
  lowerThisThreadsPriority();
  // Loaded only now, at the lowered priority.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  (require('./run-thread') as typeof import('./run-thread')).serveRuns(new Int32Array(data.stopFlag!));
}
