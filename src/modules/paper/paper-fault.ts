/**
 * The test-only fault hook: `TRADINGGROUP_PAPER_FAULT=<point>:<n>` kills this process (SIGKILL,
 * nothing cleans up) when it reaches `point` for the n-th time. Points: `decided` (a bar's
 * orders are decided, nothing is stored yet), `saved` (the bar is stored, its orders are not yet
 * sent to an external broker) and `sent` (the broker accepted an order, the session has not
 * recorded it). The kill tests use it to prove that a restart processes no bar twice and sends
 * no order twice. Unset, it does nothing.
 */
export type FaultPoint = 'decided' | 'saved' | 'sent';

const counts = new Map<FaultPoint, number>();

export function faultPoint(point: FaultPoint, env: NodeJS.ProcessEnv = process.env): void {
  const spec = env.TRADINGGROUP_PAPER_FAULT;
  if (!spec) return;
  const [at, nth] = spec.split(':');
  if (at !== point) return;
  const seen = (counts.get(point) ?? 0) + 1;
  counts.set(point, seen);
  if (seen === Number(nth)) process.kill(process.pid, 'SIGKILL');
}
