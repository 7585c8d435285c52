import { RunSpec } from '../../core/engine/run-spec';
import { EngineConfig } from '../../core/engine/engine-config';
import { ExecutedBacktest, ResolvedRun } from '../../core/engine/execute-backtest';
import { ENGINE_VERSION } from '../../core/engine/version';
import { isoDay } from '../../core/market/dates';
import { packageVersion } from '../config/package-root';
import type { LoadedDataset } from '../data/price-file.source';
import { FileSource, InputSources } from './market-inputs.loader';
import type { LlmManifest } from '../llm/llm.service';

/**
 * Where a run's prices came from, so a replay can load them again: an imported dataset, or a
 * file (the path as given, and the copy kept under its SHA-256 in the data directory).
 */
export type DataSource =
  | { kind: 'dataset'; symbol: string }
  | ({ kind: 'file'; symbol?: string; onBadRow: 'error' | 'skip' } & FileSource);

/**
 * Everything needed to re-run a backtest and check it: the validated spec, what the profile
 * resolved it to, the data's content hash, the engine version and the seed.
 */
export interface RunManifest {
  runId: string;
  engineVersion: string;
  appVersion: string;
  spec: RunSpec;
  resolved: {
    engine: EngineConfig;
    params: Record<string, unknown>;
    adjust: string;
  };
  data: {
    source: DataSource;
    symbol: string;
    /** SHA-256 of the price file the bars were read from. */
    sha256: string;
    layout: string;
    rows: number;
    skippedRows: number;
    firstDate: string;
    lastDate: string;
  };
  window: { startBar: number; endBar: number; bars: number; firstDate: string; lastDate: string };
  /** News, earnings, filing and memory read by a strategy with agents (null for rule strategies). */
  inputs: InputSources | null;
  /** Missing inputs, skipped rows, fallbacks: shown with the run and in its report. */
  notes: string[];
  seed: number;
  /** llm-mode runs: prompt templates (version, SHA-256), the anonymization and the prices used. */
  llm?: LlmManifest;
  createdAt: string;
}

/** What a manifest records of a run's loaded data: a LoadedDataset without its rows and bars. */
export type DatasetFacts = Omit<RunManifest['data'], 'source'> & { adjust: string };

/** The facts of a loaded dataset that the manifest records. */
export function datasetFacts(dataset: LoadedDataset): DatasetFacts {
  const { time, length } = dataset.prices;
  return {
    symbol: dataset.symbol,
    sha256: dataset.sha256,
    layout: dataset.layout,
    rows: length,
    skippedRows: dataset.skippedRows,
    firstDate: isoDay(time[0]),
    lastDate: isoDay(time[length - 1]),
    adjust: dataset.adjust,
  };
}

/** The manifest of a finished run: everything a replay needs, and what the run read. */
export function buildManifest(
  id: string,
  resolved: ResolvedRun,
  source: DataSource,
  data: DatasetFacts,
  executed: ExecutedBacktest,
  inputs: InputSources | null,
  notes: string[],
  llm: LlmManifest | null = null,
): RunManifest {
  const { result } = executed;
  const { adjust, ...facts } = data;
  return {
    runId: id,
    engineVersion: ENGINE_VERSION,
    appVersion: packageVersion(),
    spec: resolved.spec,
    resolved: { engine: resolved.engine, params: resolved.params, adjust },
    data: { source, ...facts },
    window: {
      startBar: result.startBar,
      endBar: result.endBar,
      bars: result.equity.length,
      firstDate: isoDay(result.time[0]),
      lastDate: isoDay(result.time[result.time.length - 1]),
    },
    inputs,
    notes,
    seed: resolved.spec.seed,
    ...(llm && { llm }),
    createdAt: new Date().toISOString(),
  };
}
