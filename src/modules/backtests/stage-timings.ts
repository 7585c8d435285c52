/**
 * Timings of a run's stages in milliseconds (to the microsecond): `lap(name)` records the time
 * since the previous lap (or since the timer was made) under `name`.
 */
export function stageTimer(): { timings: Record<string, number>; lap: (name: string) => void } {
  const timings: Record<string, number> = {};
  let t = performance.now();
  const lap = (name: string) => {
    const now = performance.now();
    timings[name] = Math.round((now - t) * 1000) / 1000;
    t = now;
  };
  return { timings, lap };
}
