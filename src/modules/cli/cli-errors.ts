import { ZodError } from 'zod';
import { InputError } from '../backtests/input.error';
import { UsageError } from './usage.error';

/** Exit codes: 0 success, 1 a failure (bad data, a failed run, an unknown id), 2 a usage error. */
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

/** What commander reports that is not an error: help or the version was printed. */
const NOT_ERRORS = new Set(['commander.helpDisplayed', 'commander.version', 'commander.help']);

/**
 * Prints an error as one clear line on stderr and sets the exit code: 2 for a usage error (from
 * the argument parser, a UsageError, or an InputError naming a flag such as `--cash`), the
 * error's own `exitCode` when it has one (130 / 143 for a command cancelled by a signal), 1 for
 * everything else. `TRADINGGROUP_DEBUG=1` adds the stack.
 */
export function reportCliError(error: unknown): void {
  const e = error as Error & { code?: string };
  if (typeof e?.code === 'string' && e.code.startsWith('commander.')) {
    // commander has printed its message (or the help) already
    process.exitCode = NOT_ERRORS.has(e.code) ? 0 : EXIT_USAGE;
    return;
  }
  const message = error instanceof ZodError ? error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') : (e?.message ?? String(error));
  process.stderr.write(`error: ${message.split('\n').join('\n  ')}\n`);
  if (process.env.TRADINGGROUP_DEBUG && e?.stack) process.stderr.write(`${e.stack}\n`);
  const own = (error as { exitCode?: unknown })?.exitCode;
  process.exitCode = typeof own === 'number' ? own : isUsageError(error) ? EXIT_USAGE : EXIT_FAILURE;
}

function isUsageError(error: unknown): boolean {
  if (error instanceof UsageError) return true;
  return error instanceof InputError && error.field?.startsWith('-') === true;
}
