import { executeBacktest, resolveRun, RunMetrics } from '../../core/engine/execute-backtest';
import { RunSpec } from '../../core/engine/run-spec';
import { writeArtifactsToTempDir } from '../artifacts/artifact-temp-dir';
import { DatasetStore } from '../data/dataset.store';
import type { RunRecord } from '../persistence/run-record';
import { EncodedRunSeries, encodeRunSeriesAtOnce } from '../persistence/run-series.store';
import { RunManifest, datasetFacts } from './run-manifest';
import { prepareRunOutputs } from './run-outputs';
import { stageTimer } from './stage-timings';

/**
 * One run of a batch: a validated spec of a rule strategy on an imported dataset, stored and
 * running under `record.id`. Plain data, so a worker thread can execute it.
 */
export interface BatchRunJob {
  /** The run as stored when it started (the report's header). */
  record: RunRecord;
  spec: RunSpec;
}

/**
 * What a batch job gives back: the run's metrics, manifest and result hash, its series encoded
 * for storing, the temporary directory its artifact files were written to, and its timings; or
 * why it failed. Not the result itself: copying its arrays to the storing thread would cost more
 * than encoding them here.
 */
export type BatchRunOutcome =
  | { id: string; metrics: RunMetrics; manifest: RunManifest; resultHash: string; series: EncodedRunSeries; tempDir: string; timings: Record<string, number> }
  | { id: string; error: string };

/**
 * Executes batch jobs on one thread exactly as the run pipeline does for a single backtest
 * (load the dataset with the spec's adjustment → engine → manifest, result hash, report and
 * artifact files), with the dataset store's cache shared by the jobs that follow. The series are
 * encoded and the artifact files written here, into a temporary directory that the storing
 * thread renames into place: that thread only writes the bytes.
 */
export class BatchRunJobRunner {
  private readonly store: DatasetStore;

  constructor(
    dataDir: string,
    private readonly backtestsDir: string,
  ) {
    this.store = new DatasetStore(dataDir);
  }

  run(job: BatchRunJob): BatchRunOutcome {
    const id = job.record.id;
    try {
      const { timings, lap } = stageTimer();
      const resolved = resolveRun(job.spec);
      const dataset = this.store.loadSymbol(job.spec.symbol, { adjust: resolved.adjust });
      lap('loadMs');
      const executed = executeBacktest(resolved, dataset.series);
      lap('engineMs');
      const notes = dataset.skippedRows > 0 ? [`${dataset.skippedRows} bad price rows were skipped (--on-bad-row skip)`] : [];
      const outputs = prepareRunOutputs(
        { id, record: job.record, source: { kind: 'dataset', symbol: job.spec.symbol }, data: datasetFacts(dataset), inputs: null, notes, llm: null },
        resolved,
        executed,
      );
      lap('outputsMs');
      const series = encodeRunSeriesAtOnce(id, executed.result);
      // Its share of storing done here: the batch's transaction, on the storing thread, is not one run's.
      lap('encodeMs');
      const tempDir = writeArtifactsToTempDir(this.backtestsDir, id, outputs.files);
      lap('artifactsMs');
      return { id, metrics: executed.metrics, manifest: outputs.manifest, resultHash: outputs.resultHash, series, tempDir, timings };
    } catch (error) {
      return { id, error: error instanceof Error ? error.message : String(error) };
    }
  }
}
