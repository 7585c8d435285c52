import { isoDay } from '../../market/dates';

/** A prompt was about to show something published after the decision it serves. */
export class LookAheadError extends Error {
  constructor(agent: string, decidedAt: number, latest: number) {
    super(
      `look-ahead refused: the ${agent} prompt of ${isoDay(decidedAt)} (decision at ${new Date(decidedAt).toISOString()}) ` +
        `shows data published at ${new Date(latest).toISOString()}, after the decision`,
    );
    this.name = 'LookAheadError';
  }
}

/** Throws a {@link LookAheadError} when any instant in `shows` is later than `decidedAt`. */
export function assertPointInTime(agent: string, decidedAt: number, shows: readonly number[]): void {
  let latest = -Infinity;
  for (const s of shows) if (s > latest) latest = s;
  if (latest > decidedAt) throw new LookAheadError(agent, decidedAt, latest);
}
