import type { RunSpec } from '../../core/engine/run-spec';
import type { StoredRunRequest } from '../backtests/run-pipeline';
import { queuedRunId, RunJobSpec, stableJson } from './run-job';

const spec = { strategy: { name: 'sma-cross', kind: 'sma-cross', params: { fast: 10, slow: 30 } }, symbol: 'BRK.B', from: '2014-01-02', to: '2018-05-11' } as unknown as RunSpec;
const request: StoredRunRequest = { source: { kind: 'dataset', symbol: 'BRK.B' }, inputs: {} };
const job = (over: Partial<RunJobSpec> = {}): RunJobSpec => ({ spec, request, submittedAt: new Date('2026-11-23T01:02:03.456Z'), submission: 'a1', ...over });

describe('queued run ids', () => {
  it('are a run id made from the job: strategy, symbol, submission time and four hex digits of its hash', () => {
    expect(queuedRunId(job())).toMatch(/^sma-cross-BRK\.B-20261123-010203-[0-9a-f]{4}$/);
  });

  it('are the same for the same job, whatever the order of its keys', () => {
    const reordered = { ...job(), spec: { to: spec.to, from: spec.from, symbol: spec.symbol, strategy: { params: { slow: 30, fast: 10 }, kind: 'sma-cross', name: 'sma-cross' } } as unknown as RunSpec };
    expect(queuedRunId(reordered)).toBe(queuedRunId(job()));
  });

  it('differ for another spec, data source or submission', () => {
    const ids = new Set([
      queuedRunId(job()),
      queuedRunId(job({ submission: 'a2' })),
      queuedRunId(job({ spec: { ...spec, to: '2018-05-10' } as RunSpec })),
      queuedRunId(job({ request: { ...request, source: { kind: 'file', path: 'x.csv', symbol: 'BRK.B', onBadRow: 'skip' } as StoredRunRequest['source'] } })),
    ]);
    expect(ids.size).toBe(4);
  });

  it('hash JSON with sorted keys, leaving out undefined fields', () => {
    expect(stableJson({ b: 1, a: [{ d: undefined, c: 'x' }], e: null })).toBe('{"a":[{"c":"x"}],"b":1,"e":null}');
  });
});
