import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * The real data in ../shared/data (next to the project) is available to tests in CI but not
 * in a user's fresh clone. Suites that need it run only where it exists and say so otherwise.
 */
export const SHARED_DATA_DIR = resolve(__dirname, '..', '..', '..', 'shared', 'data');
export const HAS_SHARED_DATA = existsSync(SHARED_DATA_DIR);

export function sharedDataPath(...parts: string[]): string {
  return resolve(SHARED_DATA_DIR, ...parts);
}

/** `describe` when ../shared/data exists, otherwise a skipped suite with a visible note. */
export function describeWithSharedData(name: string, fn: () => void): void {
  if (HAS_SHARED_DATA) {
    describe(name, fn);
    return;
  }
  // The suite's body reads the data, so it must not run: one skipped test carries the note.
  describe(`${name} [skipped: ../shared/data is not present in this checkout]`, () => {
    it.skip('needs ../shared/data (present in CI, absent from a fresh clone)', () => undefined);
  });
  // eslint-disable-next-line no-console
  console.warn(`SKIPPED "${name}": it needs ../shared/data, which is not present in this checkout.`);
}
