/** How a process runs paper sessions, from the environment. */
export interface PaperConfig {
  /** How often `serve` looks for sessions to pick up (and renews what it holds), ms. */
  scanMs: number;
  /** How long a process's hold on a session lasts without renewal, ms. */
  leaseMs: number;
}

export const PAPER_CONFIG = Symbol('PAPER_CONFIG');

/** `TRADINGGROUP_PAPER_SCAN_MS` (2,000) and `TRADINGGROUP_PAPER_LEASE_MS` (15,000). */
export function loadPaperConfig(env: NodeJS.ProcessEnv = process.env): PaperConfig {
  const ms = (name: string, fallback: number, min: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min) throw new Error(`${name}: expected a whole number of milliseconds of at least ${min}, got "${raw}"`);
    return n;
  };
  const scanMs = ms('TRADINGGROUP_PAPER_SCAN_MS', 2_000, 50);
  return { scanMs, leaseMs: ms('TRADINGGROUP_PAPER_LEASE_MS', Math.max(15_000, scanMs * 5), scanMs * 2) };
}
