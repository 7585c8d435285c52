import { requireWithCodeCache } from '../config/code-cache';
import type { runStudyBatch as RunStudyBatch } from './study.worker';

/*
 * What a StudyPool's thread starts from: the study worker's bundle (study.worker.ts and what it
 * loads), compiled with the code cache the build keeps of it, as the command's own bundle is
 * (config/code-cache.ts).
 */
export const { runStudyBatch } = requireWithCodeCache(require.resolve('./study.worker')).exports as { runStudyBatch: typeof RunStudyBatch };
