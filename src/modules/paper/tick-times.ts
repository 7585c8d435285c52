import { CronTime } from 'cron';
import type { PaperSchedule } from '../../core/paper/paper-spec';

/** The first time the schedule fires strictly after `after` (epoch ms). */
export function nextTickAfter(schedule: PaperSchedule, after: number): number {
  if (schedule.kind === 'every') return after + schedule.ms;
  return new CronTime(schedule.expression, schedule.timeZone).getNextDateFrom(new Date(after), schedule.timeZone).toMillis();
}

/**
 * How many times the schedule fired from `due` (a tick that was due and did not run) up to
 * `now`, at most `limit`: the ticks a session missed while nothing ran it.
 */
export function missedTicks(schedule: PaperSchedule, due: number, now: number, limit: number): number {
  if (due > now) return 0;
  if (schedule.kind === 'every') return Math.min(limit, Math.floor((now - due) / schedule.ms) + 1);
  let count = 1;
  for (let t = nextTickAfter(schedule, due); t <= now && count < limit; t = nextTickAfter(schedule, t)) count++;
  return count;
}

/** Checks a cron expression and time zone; the error names what is wrong. */
export function cronProblem(expression: string, timeZone: string): string | null {
  const checked = CronTime.validateCronExpression(expression);
  if (!checked.valid) return `not a cron expression (${checked.error?.message ?? 'invalid'}): "${expression}"`;
  try {
    new CronTime(expression, timeZone);
  } catch (e) {
    return `${(e as Error).message.replace(/\.$/, '')}: "${timeZone}"`;
  }
  return null;
}

/** Parses `500ms`, `1s`, `5m`, `1h` (or a bare number of seconds) to milliseconds; null when it is none of them. */
export function parseDuration(text: string): number | null {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text.trim());
  if (!m) return null;
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[(m[2] ?? 's') as 'ms' | 's' | 'm' | 'h'];
  const ms = Math.round(Number(m[1]) * unit);
  return ms > 0 ? ms : null;
}
