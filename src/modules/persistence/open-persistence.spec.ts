import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPersistence } from './open-persistence';

describe('openPersistence', () => {
  it('opens a migrated database outside Nest and closes it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tg-open-'));
    try {
      const db = await openPersistence(join(dir, 'tg.sqlite'));
      expect(await db.runs.listRuns()).toEqual([]);
      await db.close();
      await expect(db.runs.listRuns()).rejects.toThrow();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
