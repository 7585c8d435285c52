import { constants, getPriority, setPriority } from 'node:os';

/**
 * Lowers the CPU priority of the calling thread, so that the runs a thread computes give way to
 * the thread that serves requests when the cores are busy. On Linux a priority (nice value)
 * belongs to a thread, and setting it for "pid 0" sets the calling thread's; elsewhere it is the
 * whole process's, so it is left alone there. Returns whether the thread now runs at that
 * priority or lower.
 */
export function lowerThisThreadsPriority(): boolean {
  if (process.platform !== 'linux') return false;
  const below = constants.priority.PRIORITY_BELOW_NORMAL;
  // A thread already lower (a process started with `nice`) is left as it is: raising it would be refused.
  if (getPriority(0) < below) setPriority(0, below);
  return true;
}
