import { DataProblem, formatProblem } from './price-row';

/** How many problems the error message prints before summarising the rest. */
export const MAX_PRINTED_PROBLEMS = 50;

/** Thrown when a price file has bad rows and the policy is `onBadRow: 'error'`. */
export class DataValidationError extends Error {
  constructor(
    readonly file: string,
    readonly problems: readonly DataProblem[],
  ) {
    super(describeProblems(file, problems));
    this.name = 'DataValidationError';
  }
}

function describeProblems(file: string, problems: readonly DataProblem[]): string {
  const count = problems.length;
  const lines = problems.slice(0, MAX_PRINTED_PROBLEMS).map(formatProblem);
  if (count > MAX_PRINTED_PROBLEMS) lines.push(`... and ${count - MAX_PRINTED_PROBLEMS} more`);
  const noun = count === 1 ? 'bad row' : 'bad rows';
  return [`${file}: ${count} ${noun}; nothing was loaded or written`, ...lines].join('\n');
}
