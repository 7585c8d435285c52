/**
 * At most `limit` holders at once; waiting callers are let in by priority (lowest first, then
 * in arrival order). A run gives each request the decision instant it serves, so the session
 * being decided goes before questions asked ahead for later sessions.
 */
export class PriorityGate {
  private active = 0;
  private peak = 0;
  private arrivals = 0;
  private readonly waiting: Array<{ priority: number; order: number; grant: () => void }> = [];

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`limit must be a positive integer, got ${limit}`);
  }

  /** The most holders there have been at once. */
  get maxActive(): number {
    return this.peak;
  }

  /** Resolves with a release function once let in; rejects if `signal` aborts while waiting. */
  acquire(priority: number, signal?: AbortSignal): Promise<() => void> {
    signal?.throwIfAborted();
    if (this.active < this.limit) return Promise.resolve(this.enter());
    return new Promise((resolve, reject) => {
      const entry = {
        priority,
        order: this.arrivals++,
        grant: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve(this.enter());
        },
      };
      const onAbort = () => {
        const at = this.waiting.indexOf(entry);
        if (at >= 0) this.waiting.splice(at, 1);
        reject(signal!.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      // Kept sorted: the few waiters make insertion cheaper than a heap.
      let i = this.waiting.length;
      while (i > 0 && before(entry, this.waiting[i - 1])) i--;
      this.waiting.splice(i, 0, entry);
    });
  }

  private enter(): () => void {
    this.active++;
    this.peak = Math.max(this.peak, this.active);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.active--;
      this.waiting.shift()?.grant();
    };
  }
}

function before(a: { priority: number; order: number }, b: { priority: number; order: number }): boolean {
  return a.priority < b.priority || (a.priority === b.priority && a.order < b.order);
}
