import { BacktestResult } from '../../core/engine/backtest-result';
import { ordersOf, tradesOf } from '../../core/engine/record-list';
import type { ArtifactContent } from './artifact-content';
import { equityCsv, ordersCsv, tradesCsv } from './artifact-csv';
import { ARTIFACT_FILES, assertSafeName } from './artifact-paths';
import { stableJson } from './canonical-json';

/** What one run's artifact directory holds. */
export interface RunArtifacts {
  manifest: object;
  metrics: object;
  result: BacktestResult;
  /** Further files by plain name, e.g. `{ 'report.html': html }`. */
  files?: Record<string, ArtifactContent>;
}

/**
 * The files of a run's artifact directory, by name: the manifest and metrics as canonical JSON,
 * equity, trades and orders as CSV (equity.csv made a block at a time as it is written), and the
 * further files as given. Pure, so a worker thread can render them; `ArtifactWriter.writeFiles`
 * puts them on disk.
 */
export function renderArtifactFiles(artifacts: RunArtifacts): Record<string, ArtifactContent> {
  const extra = Object.entries(artifacts.files ?? {});
  const standard = new Set<string>(Object.values(ARTIFACT_FILES));
  for (const [name] of extra) {
    assertSafeName(name, 'artifact file name');
    if (standard.has(name)) throw new Error(`Artifact file ${name} is written by the writer itself`);
  }
  return {
    [ARTIFACT_FILES.manifest]: stableJson(artifacts.manifest),
    [ARTIFACT_FILES.metrics]: stableJson(artifacts.metrics),
    [ARTIFACT_FILES.equity]: equityCsv(artifacts.result),
    [ARTIFACT_FILES.trades]: tradesCsv(tradesOf(artifacts.result)),
    [ARTIFACT_FILES.orders]: ordersCsv(ordersOf(artifacts.result)),
    ...Object.fromEntries(extra),
  };
}
