import { loadApiConfig } from './api-config';

describe('loadApiConfig', () => {
  it('splits the comma-separated keys, dropping blanks and spaces', () => {
    expect(loadApiConfig({ TRADINGGROUP_API_KEYS: ' a1, b2 ,,c3 ' }).apiKeys).toEqual(['a1', 'b2', 'c3']);
    expect(loadApiConfig({}).apiKeys).toEqual([]);
  });

  it('takes the rate limit, window, workers and disk floor from the environment', () => {
    const c = loadApiConfig({ TRADINGGROUP_RATE_LIMIT: '5', TRADINGGROUP_RATE_WINDOW_S: '10', TRADINGGROUP_WORKERS: '3', TRADINGGROUP_MIN_FREE_DISK_MB: '1' });
    expect(c).toMatchObject({ rateLimit: 5, rateWindowMs: 10_000, maxWorkers: 3, minFreeDiskBytes: 1024 * 1024 });
    expect(loadApiConfig({})).toMatchObject({ rateLimit: 30, rateWindowMs: 60_000 });
    expect(loadApiConfig({}).maxWorkers).toBeGreaterThanOrEqual(1);
  });

  it('refuses a setting that is not a positive integer, naming it', () => {
    expect(() => loadApiConfig({ TRADINGGROUP_RATE_LIMIT: '0' })).toThrow('TRADINGGROUP_RATE_LIMIT must be a positive integer, got "0"');
    expect(() => loadApiConfig({ TRADINGGROUP_WORKERS: 'many' })).toThrow(/TRADINGGROUP_WORKERS/);
  });
});
