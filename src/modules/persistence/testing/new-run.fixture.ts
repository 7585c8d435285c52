import { NewRun } from '../run-record';

/** A new sma-cross run on AAPL over 2020 with its data source, as the repository specs store it. */
export function newRunFixture(id: string, overrides: Partial<NewRun> = {}): NewRun {
  return {
    id,
    strategy: 'sma-cross',
    symbol: 'AAPL',
    profile: 'default',
    mode: 'analytic',
    fromDate: '2020-01-01',
    toDate: '2020-12-31',
    config: { symbol: 'AAPL' },
    request: { source: { kind: 'dataset', symbol: 'AAPL' }, inputs: {} },
    ...overrides,
  };
}
