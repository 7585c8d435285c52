import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { createDataSource } from '../data-source.factory';
import { RunsRepository } from '../runs.repository';

/**
 * A RunsRepository on a new SQLite file (in a temp directory named from `prefix`) for each test
 * of the calling `describe`: it registers the beforeEach that makes it and the afterEach that
 * closes and removes it. `clock`, when given, makes each test's clock for the run timestamps.
 */
export function useTempRunsRepository(prefix: string, clock?: () => () => Date): { readonly runs: RunsRepository } {
  const current = {} as { runs: RunsRepository };
  let dir = '';
  let ds: DataSource | undefined;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), prefix));
    ds = await createDataSource(join(dir, 'db.sqlite'));
    current.runs = new RunsRepository(ds, clock?.());
  });
  afterEach(async () => {
    if (ds?.isInitialized) await ds.destroy();
    rmSync(dir, { recursive: true, force: true });
  });
  return current;
}
