/**
 * Prints one plain closing line after jest's own summary, e.g. "tests: 120 passed, 0 failed, 3 skipped",
 * so scripts can read the outcome without parsing jest's layout. Each skipped test is listed above
 * it with its full name, which says why it was skipped (jest shows no console output for a file
 * whose tests were all skipped, so the note would otherwise be lost).
 */
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const { numPassedTests, numFailedTests, numPendingTests, numTodoTests } = results;
    const skipped = [];
    for (const file of results.testResults) {
      for (const test of file.testResults) if (test.status === 'pending' || test.status === 'todo') skipped.push(`skipped: ${test.fullName}\n`);
    }
    // Jest prints its own summary on stderr after the reporters run; follow it there.
    const line = `tests: ${numPassedTests} passed, ${numFailedTests} failed, ${numPendingTests + numTodoTests} skipped\n`;
    setImmediate(() => process.stderr.write(skipped.sort().join('') + line));
  }
}
module.exports = SummaryReporter;
