import { requireWithCodeCache } from '../config/code-cache';
import type { runBatch as RunBatch } from './batch-run.worker';

/*
 * What a BatchRunPool's thread starts from: the batch worker's bundle (batch-run.worker.ts and
 * what it loads), compiled with the code cache the build keeps of it, as the command's own
 * bundle is (config/code-cache.ts).
 */
export const { runBatch } = requireWithCodeCache(require.resolve('./batch-run.worker')).exports as { runBatch: typeof RunBatch };
