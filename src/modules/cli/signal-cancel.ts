import { RunFailedError, RunStopped } from '../backtests/run-errors';

/** Exit codes of a command stopped by a signal: 128 + the signal's number. */
export const SIGNAL_EXIT_CODES = { SIGINT: 130, SIGTERM: 143 } as const;
type StopSignal = keyof typeof SIGNAL_EXIT_CODES;

/** A command cancelled by SIGINT or SIGTERM: one line on stderr, exit code 130 or 143. */
export class CancelledBySignal extends Error {
  readonly exitCode: number;

  constructor(
    readonly signal: StopSignal,
    message: string,
  ) {
    super(message);
    this.name = 'CancelledBySignal';
    this.exitCode = SIGNAL_EXIT_CODES[signal];
  }
}

/**
 * Runs `work` with an AbortSignal that SIGINT and SIGTERM abort: the run in progress stops at
 * its next step and is stored as `cancelled`, and this then throws a CancelledBySignal (exit
 * code 130 or 143). A second signal exits at once; the run is then left to the next command,
 * which marks it `interrupted`.
 */
export async function cancellableBySignals<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  let received: StopSignal | null = null;
  const handlers = (Object.keys(SIGNAL_EXIT_CODES) as StopSignal[]).map((name) => {
    const handler = () => {
      if (received) process.exit(SIGNAL_EXIT_CODES[name]);
      received = name;
      controller.abort(new RunStopped('cancelled', `cancelled by ${name}`));
    };
    process.on(name, handler);
    return () => process.off(name, handler);
  });
  try {
    const value = await work(controller.signal);
    if (received) throw new CancelledBySignal(received, `cancelled by ${received}`);
    return value;
  } catch (error) {
    if (!received) throw error;
    const run = error instanceof RunFailedError ? ` (run ${error.runId} is stored as ${error.status})` : '';
    throw new CancelledBySignal(received, `cancelled by ${received}${run}`);
  } finally {
    for (const off of handlers) off();
  }
}
