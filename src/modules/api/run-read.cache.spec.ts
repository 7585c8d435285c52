import { PreparedBody, RunReadCache } from './run-read.cache';

describe('RunReadCache', () => {
  const built = (body: unknown, final = true) => async () => ({ body, final, table: () => ({ header: ['a'], rows: [['1']] }) });

  it('builds an answer once when it is final and serves the same bytes after', async () => {
    const cache = new RunReadCache();
    let builds = 0;
    const build = async () => {
      builds++;
      return { body: { n: 1 }, final: true };
    };
    const first = await cache.answer('r1', 'detail', build);
    const second = await cache.answer('r1', 'detail', build);
    expect(builds).toBe(1);
    expect(second).toBe(first);
    expect(first.json.toString()).toBe('{"n":1}');
    expect(first.jsonEtag).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
    expect(first.csv).toBeNull();
  });

  it('does not keep an answer that can still change', async () => {
    const cache = new RunReadCache();
    await cache.answer('r1', 'detail', built({ status: 'running' }, false));
    expect(cache.stats.entries).toBe(0);
  });

  it('serialises the CSV table with the JSON', async () => {
    const body = await new RunReadCache().answer('r1', 'equity', built({}));
    expect(body.csv?.toString()).toBe('a\n1\n');
    expect(body.csvEtag).not.toBe(body.jsonEtag);
  });

  it('forgets every answer about one run', async () => {
    const cache = new RunReadCache();
    await cache.answer('r1', 'detail', built({}));
    await cache.answer('r1', 'equity', built({}));
    await cache.answer('r10', 'detail', built({}));
    cache.forget('r1');
    expect(cache.stats.entries).toBe(1);
    expect(cache.stats.bytes).toBe(PreparedBody.of({}, { header: ['a'], rows: [['1']] }).bytes);
  });

  it('evicts the least recently used answers beyond its byte budget', async () => {
    const big = 'x'.repeat(100);
    const cache = new RunReadCache(250);
    await cache.answer('a', 'v', built(big));
    await cache.answer('b', 'v', built(big));
    await cache.answer('a', 'v', built(big));
    await cache.answer('c', 'v', built(big));
    let rebuilt = 0;
    await cache.answer('b', 'v', async () => (rebuilt++, { body: big, final: false }));
    await cache.answer('a', 'v', async () => (rebuilt++, { body: big, final: false }));
    expect(rebuilt).toBe(1);
    expect(cache.stats.bytes).toBeLessThanOrEqual(250);
  });
});
