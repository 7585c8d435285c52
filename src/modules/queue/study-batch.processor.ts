import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import type { Job } from 'bullmq';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.module';
import { faultPoint } from '../config/fault-points';
import { StudiesRepository } from '../persistence/studies.repository';
import type { StudyJobResult } from '../studies/study-job';
import { StudyPool } from '../studies/study-pool';
import { RUN_WORKER_OPTIONS } from './run-job';
import { WORKER_CONCURRENCY } from './run-job.processor';
import { encodeResults, jobsOf, STUDY_QUEUE, StudyBatchJobData, StudyBatchOutcome } from './study-batch-job';

/**
 * The worker side of a study in the scale mode: measures the runs of a study job on this
 * process's worker threads (a `StudyPool`, so the main thread stays free to renew the job's
 * lock) and returns their results; the API process, which runs the study, stores them. A job
 * of a study that is no longer running measures nothing. Jobs are held under the same lock as
 * run jobs, so a killed worker's job goes back to the queue and another worker measures it.
 */
@Processor(STUDY_QUEUE, RUN_WORKER_OPTIONS)
export class StudyBatchProcessor extends WorkerHost implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('StudyBatchProcessor');
  private pool: StudyPool | null = null;
  private readonly closing = new AbortController();

  constructor(
    private readonly studies: StudiesRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(WORKER_CONCURRENCY) private readonly concurrency: number,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    this.worker.concurrency = this.concurrency;
    this.worker.run().catch((e: Error) => this.logger.error(`the study worker stopped: ${e.message}`));
  }

  async process(job: Job<StudyBatchJobData>): Promise<StudyBatchOutcome> {
    const { studyId } = job.data;
    const status = (await this.studies.statusesOf([studyId])).get(studyId);
    if (status !== 'running') return { studyId, skipped: status ?? 'deleted' };
    // Threads are started by the first study job: a worker that only ever executes runs starts none.
    this.pool ??= new StudyPool({ dataDir: this.config.dataDir, workers: this.concurrency });
    const started = performance.now();
    const results: StudyJobResult[] = [];
    await this.pool.run(jobsOf(job.data), (batch) => {
      results.push(...batch);
    }, this.closing.signal);
    await faultPoint('study-batch-measured', this.closing.signal);
    return { studyId, results: encodeResults(results), worker: process.pid, measuredMs: Math.round((performance.now() - started) * 10) / 10 };
  }

  /** A stopping worker fails the jobs it holds (the queue gives them to another worker), then ends its threads. */
  async onModuleDestroy(): Promise<void> {
    this.closing.abort(new Error('the worker is stopping'));
    await this.worker.close().catch(() => undefined);
    await this.pool?.close();
  }
}
