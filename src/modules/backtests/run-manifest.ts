import { RunSpec } from '../../core/engine/run-spec';
import { EngineConfig } from '../../core/engine/engine-config';
import { InputSources } from './market-inputs.loader';

/** Where a run's prices came from, so a replay can load them again. */
export type DataSource =
  | { kind: 'dataset'; symbol: string }
  | { kind: 'file'; path: string; symbol?: string; onBadRow: 'error' | 'skip' };

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
  createdAt: string;
}
