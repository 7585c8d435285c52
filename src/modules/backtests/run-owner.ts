import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import type { RunOwner } from '../persistence/run-record';

/** How often an owner refreshes the heartbeat of its queued and running runs. */
export const HEARTBEAT_INTERVAL_MS = 2_000;

/**
 * How often an owner reads the statuses of its active runs, so that a cancel or delete made by
 * another process stops the run within a second (a read of a few rows by their key).
 */
export const STATUS_WATCH_INTERVAL_MS = 250;

/**
 * An owner on another host (or one whose start cannot be checked) is taken as gone when its
 * runs have had no heartbeat for this long. Generous: a process busy in a long synchronous
 * step does not beat meanwhile.
 */
export const HEARTBEAT_STALE_MS = 120_000;

let current: RunOwner | undefined;

/** This process as the owner of the runs it executes. */
export function currentOwner(): RunOwner {
  current ??= { pid: process.pid, host: hostname(), token: processStartToken(process.pid) ?? `started:${Math.round(Date.now() - process.uptime() * 1000)}` };
  return current;
}

/**
 * The owner of runs stored for a shared queue (the scale mode) until a worker takes them: the
 * queue holds them, not a process, so recovery leaves them queued; the worker that takes one
 * becomes its owner.
 */
export function queueOwner(queueName: string): RunOwner {
  return { pid: 0, host: 'queue', token: `queue:${queueName}` };
}

export function isQueueOwner(owner: RunOwner | null): boolean {
  return owner !== null && owner.pid === 0 && owner.token.startsWith('queue:');
}

/** Whether a run's owner can still end it, and if not, why. */
export type OwnerState = { alive: true } | { alive: false; reason: string };

/**
 * Decides whether the owner of a queued or running run still lives. On the same host: its
 * process must exist and, where the system tells a process's start (Linux), have the same
 * start as when it took the run, so a reused pid is not mistaken for it. On another host, or
 * where the start cannot be read, the heartbeat must be fresher than {@link HEARTBEAT_STALE_MS}.
 */
export function ownerState(owner: RunOwner | null, heartbeatAt: string | null, now: Date = new Date()): OwnerState {
  if (!owner) return { alive: false, reason: 'it was stored without an owning process (by an earlier version) and never ended' };
  if (isQueueOwner(owner)) return { alive: true };
  const me = currentOwner();
  const who = `process ${owner.pid} on ${owner.host}`;
  if (owner.token === me.token && owner.pid === me.pid && owner.host === me.host) return { alive: true };
  const stale = heartbeatAt === null || now.getTime() - Date.parse(heartbeatAt) > HEARTBEAT_STALE_MS;
  const staleReason = `its ${who} has given no sign of life since ${heartbeatAt ?? 'it took the run'}`;
  if (owner.host !== me.host) return stale ? { alive: false, reason: staleReason } : { alive: true };
  if (!processExists(owner.pid)) return { alive: false, reason: `its ${who} ended before the run finished` };
  const token = processStartToken(owner.pid);
  if (token !== null && owner.token.startsWith('linux:')) {
    return token === owner.token ? { alive: true } : { alive: false, reason: `its ${who} ended before the run finished (the pid now belongs to another process)` };
  }
  return stale ? { alive: false, reason: staleReason } : { alive: true };
}

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * The boot and the start time (in clock ticks since boot) of a Linux process: unique to one
 * process for the life of the machine. Null where /proc does not tell.
 */
export function processStartToken(pid: number): string | null {
  try {
    const boot = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start after the last ')'; start time is field 22.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const start = fields[19];
    return start ? `linux:${boot}:${start}` : null;
  } catch {
    return null;
  }
}
