import type { StudyJob, StudyJobResult } from '../studies/study-job';
import { encodeResults, jobsOf, MAX_BATCH_RUNS, resultsOf, studyBatchData, studyBatches } from './study-batch-job';

const jobs = (n: number): StudyJob[] =>
  Array.from({ length: n }, (_, index) => ({ index, spec: { symbol: 'SPX', from: '2010-01-04', to: '2019-12-31' } as StudyJob['spec'], data: { symbol: 'SPX', sha256: 'ab' } }));

describe('study jobs on the queue', () => {
  it('cut a study into consecutive batches named by the study and their plan indices', () => {
    const batches = studyBatches('sweep-x', jobs(40));
    expect(batches.map((b) => b.id)).toEqual(Array.from({ length: 14 }, (_, k) => `sweep-x.runs-${k * 3}-${Math.min(39, k * 3 + 2)}`));
    expect(batches.flatMap((b) => b.jobs.map((j) => j.index))).toEqual(Array.from({ length: 40 }, (_, i) => i));
    expect(studyBatches('sweep-x', jobs(40))).toEqual(batches);
  });

  it('hold one run each for a small study and at most MAX_BATCH_RUNS for a large one', () => {
    expect(studyBatches('s', jobs(5)).map((b) => b.jobs.length)).toEqual([1, 1, 1, 1, 1]);
    const large = studyBatches('s', jobs(5000));
    expect(Math.max(...large.map((b) => b.jobs.length))).toBe(MAX_BATCH_RUNS);
    expect(large).toHaveLength(Math.ceil(5000 / MAX_BATCH_RUNS));
  });

  it('name the test runs of a walk-forward apart from its training runs', () => {
    const training = studyBatches('s', jobs(4));
    const tests = studyBatches('s', jobs(6).slice(4));
    expect(tests.map((b) => b.id)).toEqual(['s.runs-4-4', 's.runs-5-5']);
    expect(new Set([...training, ...tests].map((b) => b.id)).size).toBe(6);
  });

  it('carry runs and results with every number to the last bit, NaN, infinities and -0 included', () => {
    const [batch] = studyBatches('s', jobs(1));
    const data = studyBatchData('s', batch);
    expect(JSON.parse(JSON.stringify(data)).indices).toEqual([0, 0]);
    expect(jobsOf(JSON.parse(JSON.stringify(data)))).toEqual(batch.jobs);
    const results = [{ index: 0, outcome: { metrics: { default: { sharpe: NaN, profitFactor: Infinity, maxDrawdown: -0, totalReturn: 0.1 + 0.2 } }, returns: { mean: -Infinity } } }] as unknown as StudyJobResult[];
    const back = resultsOf(JSON.parse(JSON.stringify({ results: encodeResults(results) })));
    const metrics = (back[0] as unknown as { outcome: { metrics: { default: Record<string, number> } } }).outcome.metrics.default;
    expect(metrics.sharpe).toBeNaN();
    expect(metrics.profitFactor).toBe(Infinity);
    expect(Object.is(metrics.maxDrawdown, -0)).toBe(true);
    expect(metrics.totalReturn).toBe(0.30000000000000004);
    expect(back).toEqual(results);
  });
});
