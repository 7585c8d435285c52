/**
 * Prints one plain closing line after jest's own summary, e.g. "tests: 120 passed, 0 failed, 3 skipped",
 * so scripts can read the outcome without parsing jest's layout.
 */
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const { numPassedTests, numFailedTests, numPendingTests, numTodoTests } = results;
    // Jest prints its own summary on stderr after the reporters run; follow it there.
    const line = `tests: ${numPassedTests} passed, ${numFailedTests} failed, ${numPendingTests + numTodoTests} skipped\n`;
    setImmediate(() => process.stderr.write(line));
  }
}
module.exports = SummaryReporter;
