import { InputError } from '../backtests/input.error';
import { canonicalSort, decodeCursor, encodeCursor, SORT_KEYS } from './run-sort';

describe('run sort keys and cursors', () => {
  it('accepts every default and FINSABER metric, in full and (default ones) by bare name', () => {
    expect(SORT_KEYS).toEqual(expect.arrayContaining(['createdAt', 'metrics.default.sharpe', 'metrics.default.maxDrawdown', 'metrics.finsaber.spr', 'sharpe', 'tradeCount']));
    expect(SORT_KEYS).not.toContain('metrics.default.status');
    expect(canonicalSort('sharpe')).toBe('metrics.default.sharpe');
    expect(canonicalSort('metrics.finsaber.cr')).toBe('metrics.finsaber.cr');
    expect(canonicalSort(undefined)).toBe('createdAt');
  });

  it('round-trips a position through an opaque cursor, a double exactly', () => {
    const value = 45648.996432000204;
    const cursor = encodeCursor('metrics.default.sharpe', 'asc', { value, id: 'run-1' });
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor, 'metrics.default.sharpe', 'asc')).toEqual({ value, id: 'run-1' });
    expect(decodeCursor(encodeCursor('createdAt', 'desc', { value: null, id: 'r' }), 'createdAt', 'desc')).toEqual({ value: null, id: 'r' });
  });

  it('refuses a cursor made for another sort or order, or not a cursor at all, naming `cursor`', () => {
    const cursor = encodeCursor('createdAt', 'desc', { value: '2026-01-01T00:00:00.000Z', id: 'r' });
    expect(() => decodeCursor(cursor, 'createdAt', 'asc')).toThrow('cursor: made for sort=createdAt&order=desc, not sort=createdAt&order=asc');
    for (const bad of ['', 'xyz', Buffer.from('{"i":3}').toString('base64url'), Buffer.from('[]').toString('base64url')]) {
      let error: unknown;
      try {
        decodeCursor(bad, 'createdAt', 'desc');
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).field).toBe('cursor');
    }
  });
});
