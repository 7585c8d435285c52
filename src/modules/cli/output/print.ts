/** Machine-readable output for --json: one JSON document on stdout. */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Things the user should know about how a command was understood (e.g. a clamped window), on stderr. */
export function printNotices(notices: readonly string[]): void {
  for (const notice of notices) process.stderr.write(`note: ${notice}\n`);
}
