import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.module';
import type { DatasetEntry } from './dataset-catalogue';
import { DatasetDescription, describeDataset, ResamplePeriod } from './dataset.describer';
import { DatasetStore, ImportOptions, ImportResult } from './dataset.store';
import { LoadedDataset, loadPriceFile, PriceFileOptions } from './price-file.source';
import type { AdjustPolicy } from './price-row';
import { SampleDataResult, setupSampleData } from './sample-data.setup';

/** Market data for the CLI, REST and backtests: a thin shell over the dataset store in `config.dataDir`. */
@Injectable()
export class DataService {
  private readonly store: DatasetStore;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.store = new DatasetStore(config.dataDir);
  }

  /** `data import <file.csv> [--symbol X]`: validates and stores one canonical file per symbol. */
  importFile(path: string, options: ImportOptions = {}): ImportResult {
    return this.store.importFile(path, options);
  }

  /** The imported datasets. */
  list(): DatasetEntry[] {
    return this.store.list();
  }

  /** A stored symbol, adjusted by `adjust` (default 'auto'). */
  loadSymbol(symbol: string, options: { adjust?: AdjustPolicy } = {}): LoadedDataset {
    return this.store.loadSymbol(symbol, options);
  }

  /** A price file loaded without importing it (`backtest --data file.csv`). */
  loadFile(path: string, options: PriceFileOptions & { adjust?: AdjustPolicy } = {}): LoadedDataset {
    return loadPriceFile(path, options);
  }

  /** `data setup`: imports the bundled samples unless datasets exist. */
  setupSampleData(): SampleDataResult {
    return setupSampleData(this.config, this.store);
  }

  /** `data describe <symbol>`: statistics and a resample of a stored symbol. */
  describe(symbol: string, options: { period?: ResamplePeriod; adjust?: AdjustPolicy } = {}): DatasetDescription {
    return describeDataset(this.store.loadSymbol(symbol, { adjust: options.adjust }).series, options.period);
  }
}
