/**
 * `describe` when what a suite needs is available, otherwise a skipped suite with a visible
 * note: the suite's body would use it, so it must not run, and one skipped test carries why.
 */
export function describeWhen(available: boolean, needs: string, name: string, fn: () => void): void {
  if (available) {
    describe(name, fn);
    return;
  }
  describe(`${name} [skipped: ${needs}]`, () => {
    it.skip(`needs ${needs}`, () => undefined);
  });
  // eslint-disable-next-line no-console
  console.warn(`SKIPPED "${name}": it needs ${needs}.`);
}
