import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadAppConfig } from '../config/app-config';
import { DatasetStore } from './dataset.store';
import { setupSampleData } from './sample-data.setup';

describe('setupSampleData', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tg-sample-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const config = () => loadAppConfig({ dataDir: join(dir, 'data') }, {});

  it('imports AAPL and SPX from the npm sample packages', () => {
    const result = setupSampleData(config());
    expect(result.created).toBe(true);
    expect(result.datasets.map((d) => [d.symbol, d.layout, d.firstDate, d.lastDate, d.hasAdjClose])).toEqual([
      ['AAPL', 'yahoo', '2013-05-13', '2018-05-11', true],
      ['SPX', 'generic', '2000-01-03', '2020-04-17', true],
    ]);
    const store = new DatasetStore(join(dir, 'data'));
    expect(store.loadSymbol('AAPL').series.length).toBe(1260);
    expect(store.loadSymbol('SPX').series.length).toBe(5105);
  });

  it('keeps the licence notes of both packages', () => {
    setupSampleData(config());
    const licences = readFileSync(join(dir, 'data', 'LICENSES.md'), 'utf8');
    expect(licences).toContain('`@observablehq/sample-datasets` version 1.0.1');
    expect(licences).toContain('Copyright 2024 Observable, Inc.');
    expect(licences).toContain('Permission to use, copy, modify, and/or distribute this software');
    expect(licences).toContain('Yahoo! Finance');
    expect(licences).toContain('`vega-datasets` version 3.2.1, file `data/sp500-2000.csv`: S&P 500 index values from 2000 to 2020.');
    expect(licences).toContain('BSD-3-Clause license applies only to package code and infrastructure.');
    const notes = new DatasetStore(join(dir, 'data')).list().map((e) => e.licence);
    expect(notes[0]).toMatch(/^@observablehq\/sample-datasets@1\.0\.1 \(ISC\)/);
    expect(notes[1]).toMatch(/^vega-datasets@3\.2\.1 \(package code BSD-3-Clause; dataset licence not stated\)/);
  });

  it('does nothing the second time and says so', () => {
    setupSampleData(config());
    const catalogue = join(dir, 'data', 'datasets.json');
    const before = statSync(catalogue).mtimeMs;
    const again = setupSampleData(config());
    expect(again.created).toBe(false);
    expect(again.datasets).toEqual([]);
    expect(again.message).toMatch(/already holds datasets; sample data not imported \(nothing changed\)/);
    expect(statSync(catalogue).mtimeMs).toBe(before);
  });
});
