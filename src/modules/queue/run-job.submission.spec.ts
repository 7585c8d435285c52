import type { RunSpec } from '../../core/engine/run-spec';
import type { StoredRunRequest } from '../backtests/run-pipeline';
import { RunIdTakenError } from '../persistence/run-id-taken.error';
import { newRunFixture } from '../persistence/testing/new-run.fixture';
import { useTempRunsRepository } from '../persistence/testing/temp-runs-repository.fixture';
import { queuedRunId, storeAsNewSubmission, Submission, SUBMISSION_ATTEMPTS } from './run-job';

const spec = { strategy: { name: 'sma-cross', kind: 'sma-cross', params: {} }, symbol: 'AAPL', from: '2020-01-02', to: '2020-12-31' } as unknown as RunSpec;
const request: StoredRunRequest = { source: { kind: 'dataset', symbol: 'AAPL' }, inputs: {} };
const at = new Date('2026-12-05T11:00:00.000Z');
const submission = (tag: string): Submission => ({ submittedAt: at, submission: tag });
const idOf = (s: Submission) => queuedRunId({ spec, request, ...s });

/** Queued run ids that collide on a real SQLite file: the run is submitted again under a new id. */
describe('storeAsNewSubmission', () => {
  const db = useTempRunsRepository('tg-submission-');
  const store = async (s: Submission) => (await db.runs.createRun(newRunFixture(idOf(s)))).id;

  it('stores the run under the id of a new submission when the drawn one is taken, leaving the other run as it was', async () => {
    const taken = await store(submission('first'));
    const draws = [submission('first'), submission('first'), submission('third')];
    const id = await storeAsNewSubmission(store, () => draws.shift()!);
    expect(draws).toEqual([]);
    expect(id).toBe(idOf(submission('third')));
    expect(id).not.toBe(taken);
    expect((await db.runs.getRun(taken))?.status).toBe('queued');
    expect((await db.runs.getRun(id))?.status).toBe('queued');
  });

  it(`gives up with the RunIdTakenError after ${SUBMISSION_ATTEMPTS} submissions whose ids are all taken`, async () => {
    const taken = await store(submission('same'));
    let draws = 0;
    const stored = storeAsNewSubmission(store, () => (draws++, submission('same')));
    await expect(stored).rejects.toThrow(new RunIdTakenError(taken));
    expect(draws).toBe(SUBMISSION_ATTEMPTS);
  });

  it('does not submit again after any other error', async () => {
    let draws = 0;
    const failing = async () => {
      throw new Error('the database is out of reach');
    };
    await expect(storeAsNewSubmission(failing, () => (draws++, submission('any')))).rejects.toThrow('the database is out of reach');
    expect(draws).toBe(1);
  });
});
