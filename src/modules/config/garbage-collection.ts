import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/*
 * A full garbage collection when the caller knows that much memory has just become garbage. A
 * long run lets go of most of what it loaded once its engine is done (the open, high, low and
 * volume of a million bars, 32 MB; its strategy's indicators), and V8 collects its old
 * generation once its own heap has grown: in the 1M-bar command, only after the report and the
 * files were made, the garbage counting in the command's peak until then. Node gives V8's
 * `gc()` only to a process started with --expose-gc: the flag is set for the time it takes to
 * make a context that has the function, then unset again, so that code compiled afterwards, and
 * the code caches V8 checks against its flags, see the process's own.
 */

let collect: (() => void) | undefined;

/** Collects every unreachable object now (a few tens of milliseconds for a heap of 50 MB). */
export function collectGarbage(): void {
  collect ??= exposedGc();
  collect();
}

function exposedGc(): () => void {
  const own = (globalThis as { gc?: () => void }).gc;
  if (typeof own === 'function') return own;
  setFlagsFromString('--expose-gc');
  try {
    return runInNewContext('gc') as () => void;
  } finally {
    setFlagsFromString('--no-expose-gc');
  }
}
