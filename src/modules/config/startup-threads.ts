import { readdirSync } from 'node:fs';
import { constants, getPriority, setPriority } from 'node:os';

/*
 * The threads this process had when its entry file began to load: Node's and V8's own (V8's
 * compiler and garbage-collector helpers, Node's task scheduler), none of which serves a
 * request. They are read once, when this module loads, so entry files import it first:
 * libuv's thread pool, which runs the database queries of the serving thread, starts only at
 * its first use, later.
 */
const STARTUP_THREAD_IDS: readonly number[] = otherThreadIds();

/** The ids of this process's threads other than the main one (Linux only; elsewhere none). */
function otherThreadIds(): number[] {
  if (process.platform !== 'linux') return [];
  try {
    return readdirSync('/proc/self/task')
      .map(Number)
      .filter((tid) => tid !== process.pid);
  } catch {
    return [];
  }
}

/**
 * Lowers the CPU priority of the background threads the process started with, for a process
 * that serves requests: V8 compiles and collects garbage for every thread of the process on
 * them, and when a run thread (itself lowered) has just started, compiling its code keeps them
 * busy for several hundred milliseconds, at the serving thread's priority unless lowered. On
 * Linux a priority (nice value) belongs to a thread; elsewhere it is the whole process's, so it
 * is left alone. Returns the threads now at that priority or lower.
 */
export function lowerStartupThreadsPriority(): number[] {
  const below = constants.priority.PRIORITY_BELOW_NORMAL;
  const lowered: number[] = [];
  for (const tid of STARTUP_THREAD_IDS) {
    try {
      // A thread already lower (a process started with `nice`) is left as it is.
      if (getPriority(tid) < below) setPriority(tid, below);
      lowered.push(tid);
    } catch {
      // A thread that has ended meanwhile has nothing left to lower.
    }
  }
  return lowered;
}
