import { join } from 'node:path';
import type { AppConfig } from '../config/app-config';
import { writeFileAtomically } from './atomic-files.writer';
import type { DatasetEntry } from './dataset-catalogue';
import { DatasetStore } from './dataset.store';
import { SampleSource, sampleSources } from './sample-data.sources';

/** Outcome of {@link setupSampleData}. */
export interface SampleDataResult {
  /** False when datasets were already present and nothing was done. */
  created: boolean;
  datasets: DatasetEntry[];
  message: string;
}

/**
 * Imports the bundled sample prices (AAPL and SPX, see sample-data.sources.ts) into
 * `<dataDir>/prices` and writes `<dataDir>/LICENSES.md`, unless `prices/` already holds a dataset,
 * in which case it does nothing and says so.
 */
export function setupSampleData(config: AppConfig, store = new DatasetStore(config.dataDir)): SampleDataResult {
  if (store.hasDatasets()) {
    return {
      created: false,
      datasets: [],
      message: `${store.pricesDir} already holds datasets; sample data not imported (nothing changed)`,
    };
  }
  const sources = sampleSources();
  writeFileAtomically(join(config.dataDir, 'LICENSES.md'), formatLicences(sources));
  const { datasets } = store.importFiles(sources.map((s) => ({ path: s.path, symbol: s.symbol, licence: s.licenceNote })));
  const summary = datasets.map((d) => `${d.symbol} ${d.firstDate}..${d.lastDate} (${d.rows} rows)`).join(', ');
  return { created: true, datasets, message: `imported sample data into ${store.pricesDir}: ${summary}` };
}

function formatLicences(sources: readonly SampleSource[]): string {
  const intro = [
    '# Licences of the sample data',
    '',
    'Written by the sample-data setup. These files come from npm packages installed with the project;',
    'each keeps the licence of its package and source, reproduced or pointed to below.',
  ];
  return [...intro, ...sources.map((s) => `\n${s.licenceSection}`)].join('\n') + '\n';
}
