import type { FinalRunStatus } from '../persistence/run-record';

/** Final statuses a run is stopped into before it has results. */
export type StopStatus = Extract<FinalRunStatus, 'cancelled' | 'interrupted'>;

/**
 * Why a run was stopped before it finished: the reason a run's AbortSignal is aborted with.
 * `status` is what the run is stored as (`cancelled` when someone asked, `interrupted` when
 * its process is stopping), `message` the reason stored with it.
 */
export class RunStopped extends Error {
  constructor(
    readonly status: StopStatus,
    message: string,
  ) {
    super(message);
    this.name = 'RunStopped';
  }
}

/** Why a run stopped, when it was stopped (its signal aborted, or a RunStopped thrown) rather than failed. */
export function stopOf(error: unknown, signal: AbortSignal): RunStopped | null {
  if (error instanceof RunStopped) return error;
  if (!signal.aborted) return null;
  const reason: unknown = signal.reason;
  if (reason instanceof RunStopped) return reason;
  return new RunStopped('cancelled', reason instanceof Error ? reason.message : 'cancelled');
}

/**
 * A run that was started and did not finish: it is stored as `status` (`failed`, `cancelled`
 * or `interrupted`) with this message as reason.
 */
export class RunFailedError extends Error {
  constructor(
    readonly runId: string,
    override readonly cause: Error,
    readonly status: Exclude<FinalRunStatus, 'done'> = 'failed',
  ) {
    super(cause.message);
    this.name = 'RunFailedError';
  }
}

/** The data a run was made from is not the data found now. */
export class DataChangedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DataChangedError';
  }
}
