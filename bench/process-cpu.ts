import { readdirSync, readFileSync } from 'node:fs';

/*
 * CPU time of processes from /proc (Linux): user + system, all threads of a process included.
 * Benchmarks read it before and after a round to tell what each process of a deployment spent.
 */

const TICKS_PER_SECOND = 100;

/** Milliseconds of CPU the process has used, or 0 when it is gone (or /proc cannot be read). */
export function cpuMsOf(pid: number | undefined): number {
  if (pid === undefined) return 0;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start at the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/** Milliseconds of CPU used by every process whose command name is `name` (e.g. postgres, redis-server). */
export function cpuMsByName(name: string): number {
  let total = 0;
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return 0;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === name) total += cpuMsOf(Number(entry));
    } catch {
      // The process ended meanwhile.
    }
  }
  return total;
}

/** The machine's CPU time so far (/proc/stat), in milliseconds: busy (every process) and idle, summed over the cores. */
export function machineCpuMs(): { busy: number; idle: number } {
  try {
    const [, ...fields] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
    const [user, nice, system, idle, iowait, irq, softirq, steal] = fields.map(Number);
    const ms = (ticks: number) => (ticks * 1000) / TICKS_PER_SECOND;
    return { busy: ms(user + nice + system + irq + softirq + (steal || 0)), idle: ms(idle + iowait) };
  } catch {
    return { busy: 0, idle: 0 };
  }
}
