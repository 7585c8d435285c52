/** Points where crash and signal tests can stop a process (see {@link faultPoint}). */
export type FaultPointName =
  /** A run is stored as running and about to load its data. */
  | 'run-started'
  /** An artifact write has put its first file into the temporary directory. */
  | 'artifacts-partial'
  /** A run's artifacts are in place and its results are about to be stored. */
  | 'before-store'
  /** A study has stored its first results and goes on measuring. */
  | 'study-results-stored'
  /** A queue worker has measured the runs of a study job and is about to hand them back. */
  | 'study-batch-measured';

/** The environment variable that names the point to stop at. */
export const FAULT_POINT_ENV = 'TRADINGGROUP_FAULT_POINT';

/** Whether the environment names this point (so a caller can prepare what the point needs). */
export function faultPointArmed(name: FaultPointName): boolean {
  return process.env[FAULT_POINT_ENV] === name;
}

/**
 * A test hook for crash and signal tests, inert unless `TRADINGGROUP_FAULT_POINT` names this
 * point: then it prints `fault point <name> reached` on stderr and waits there, keeping the
 * process alive, until `signal` aborts (it then throws the abort reason) or the process is
 * killed. Tests use it to `kill -9` or signal a process at a known step.
 */
export async function faultPoint(name: FaultPointName, signal?: AbortSignal): Promise<void> {
  if (process.env[FAULT_POINT_ENV] !== name) return;
  process.stderr.write(`fault point ${name} reached\n`);
  await new Promise<void>((_resolve, reject) => {
    const keepAlive = setInterval(() => undefined, 60_000);
    signal?.addEventListener(
      'abort',
      () => {
        clearInterval(keepAlive);
        reject(signal.reason);
      },
      { once: true },
    );
  });
}
