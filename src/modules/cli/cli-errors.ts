import { ZodError } from 'zod';

/**
 * Prints an error as one clear line on stderr and sets a non-zero exit code: 2 for usage
 * errors from the argument parser, 1 for everything else. `TRADINGGROUP_DEBUG=1` adds the stack.
 */
export function reportCliError(error: unknown): void {
  const e = error as Error & { code?: string; exitCode?: number };
  if (e?.code?.startsWith('commander.')) {
    // Help and version output are not errors.
    if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') {
      process.exitCode = 0;
      return;
    }
    process.exitCode = 2;
    return; // commander already printed its message
  }
  const message = error instanceof ZodError ? error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') : (e?.message ?? String(error));
  process.stderr.write(`error: ${message.split('\n').join('\n  ')}\n`);
  if (process.env.TRADINGGROUP_DEBUG && e?.stack) process.stderr.write(`${e.stack}\n`);
  process.exitCode = 1;
}
