import type { StudyJob, StudyJobResult } from './study-job';

/**
 * Where a study's jobs are measured: this process's worker threads (`StudyPool`, the embedded
 * default) or, in the scale mode, `tradinggroup worker` processes taking them from the queue.
 * Either way the results come back to the study's process, which stores them.
 */
export interface StudyExecutor {
  /**
   * Measures `jobs` and hands their results over in batches, one `onResults` at a time, in any
   * order; rejects when `signal` aborts (nothing more is handed over) or when `onResults` throws.
   */
  run(jobs: readonly StudyJob[], onResults: (results: StudyJobResult[]) => void | Promise<void>, signal?: AbortSignal): Promise<void>;
  /** Lets go of what the executor holds for its study. */
  close(): Promise<void>;
}

/** Opens the executor of one study (`workers`: the embedded pool's thread count, when asked). */
export interface StudyExecutors {
  open(studyId: string, options: { dataDir: string; workers?: number }): StudyExecutor;
}

/** The injection token of another StudyExecutors than this process's worker threads (the scale mode's queue). */
export const STUDY_EXECUTORS = Symbol('STUDY_EXECUTORS');
