import { runInNewContext } from 'node:vm';
import { collectGarbage } from './garbage-collection';

describe('collectGarbage', () => {
  it('collects an object nothing refers to any more', async () => {
    const ref = new WeakRef({ payload: new Float64Array(1_000) });
    // A WeakRef keeps its target until the end of the job that made it.
    await new Promise((resolve) => setImmediate(resolve));
    collectGarbage();
    expect(ref.deref()).toBeUndefined();
  });

  it('leaves V8 flags as the process started with them: new contexts have no gc()', () => {
    collectGarbage();
    collectGarbage();
    expect(runInNewContext('typeof gc')).toBe(typeof (globalThis as { gc?: unknown }).gc);
  });
});
