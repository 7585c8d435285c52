import { StudyResult } from '../../core/studies/study-result';
import { StoredStudyResult, StudiesRepository } from '../persistence';
import { StudyJobResult } from './study-job';
import { PlannedRun } from './study-planner';
import { StudyProgress } from './study-request';

/** Results are written once this many are waiting, or this long after the last write. */
const FLUSH_ROWS = 500;
const FLUSH_MS = 500;

/**
 * Collects a study's measured runs and stores them in batches (many rows per statement, one
 * transaction per batch, with the study's progress). A failed run fails the study: the error
 * names the run.
 */
export class StudyRecorder {
  readonly results: StoredStudyResult[] = [];
  private waiting: StoredStudyResult[] = [];
  private lastFlush = performance.now();
  private writes: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly studies: StudiesRepository,
    private readonly studyId: string,
    readonly planned: Map<number, PlannedRun>,
    private total: number,
    private readonly onProgress?: StudyProgress,
  ) {}

  setTotal(total: number): void {
    this.total = total;
  }

  /** Records a batch from the pool; throws when one of its runs failed. */
  accept(batch: readonly StudyJobResult[]): Promise<void> {
    for (const r of batch) {
      const run = this.planned.get(r.index)!;
      if ('error' in r) throw new Error(`run ${r.index} (${run.strategy} ${run.symbol} ${run.job.spec.from}..${run.job.spec.to}) failed: ${r.error}`);
      const result: StoredStudyResult = { ...resultOf(run, r.outcome), spec: run.job.spec as unknown as Record<string, unknown> };
      this.results.push(result);
      this.waiting.push(result);
    }
    this.onProgress?.(this.results.length, this.total);
    const sinceFlush = performance.now() - this.lastFlush;
    if (this.waiting.length >= FLUSH_ROWS || sinceFlush >= FLUSH_MS) return this.flush();
    // Results that no later batch comes to flush (the last ones before a slow batch) are still
    // written, with the progress, within FLUSH_MS. A failed write stays in `writes` and fails
    // the next flush, which the study awaits.
    this.timer ??= setTimeout(() => void this.flush().catch(() => undefined), FLUSH_MS - sinceFlush).unref();
    return Promise.resolve();
  }

  /** The runs measured so far, in plan order. */
  inPlanOrder(): StoredStudyResult[] {
    return [...this.results].sort((a, b) => a.index - b.index);
  }

  /** Writes what is waiting; resolves when every write so far has ended. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const rows = this.waiting;
    this.waiting = [];
    this.lastFlush = performance.now();
    const completed = this.results.length;
    this.writes = this.writes.then(() => this.studies.appendResults(this.studyId, rows, completed));
    return this.writes;
  }
}

function resultOf(run: PlannedRun, outcome: { metrics: StudyResult['metrics']; returns: StudyResult['returns']; notes?: string[] }): StudyResult {
  return {
    index: run.job.index,
    strategy: run.strategy,
    symbol: run.symbol,
    params: run.params,
    from: run.job.spec.from,
    to: run.job.spec.to,
    phase: run.phase,
    fold: run.fold,
    metrics: outcome.metrics,
    returns: outcome.returns,
    // A queue worker of a version before notes sends none.
    notes: outcome.notes ?? [],
    runId: null,
  };
}
