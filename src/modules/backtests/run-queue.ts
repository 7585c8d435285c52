interface Waiting {
  id: string;
  seq: number;
  grant: () => void;
}

/**
 * Admits at most `concurrency` runs at once; the others wait in the order of their queue
 * number (the `queueSeq` stored with them, so the stored order and this one agree). A run
 * only loads its data once admitted: waiting runs hold nothing but their place.
 */
export class RunQueue {
  private active = 0;
  private readonly waiting: Waiting[] = [];

  constructor(readonly concurrency: number) {
    if (!Number.isInteger(concurrency) || concurrency < 1) throw new RangeError(`concurrency must be a positive integer, got ${concurrency}`);
  }

  /** Runs admitted now. */
  get admitted(): number {
    return this.active;
  }

  /**
   * Resolves when the run may start, with the function that frees its place (call it once).
   * Rejects with the signal's reason when it is aborted while waiting: the run leaves the queue at once.
   */
  enter(id: string, seq: number, signal: AbortSignal): Promise<() => void> {
    signal.throwIfAborted();
    if (this.active < this.concurrency && this.waiting.length === 0) return Promise.resolve(this.take());
    return new Promise((resolve, reject) => {
      const entry: Waiting = {
        id,
        seq,
        grant: () => {
          signal.removeEventListener('abort', onAbort);
          resolve(this.take());
        },
      };
      const onAbort = () => {
        const at = this.waiting.indexOf(entry);
        if (at >= 0) this.waiting.splice(at, 1);
        reject(signal.reason);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      let at = this.waiting.length;
      while (at > 0 && this.waiting[at - 1].seq > seq) at--;
      this.waiting.splice(at, 0, entry);
    });
  }

  /** The run's place among the waiting ones (1 = next), or null when it is not waiting. */
  position(id: string): number | null {
    const at = this.waiting.findIndex((w) => w.id === id);
    return at < 0 ? null : at + 1;
  }

  private take(): () => void {
    this.active++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.active--;
      while (this.active < this.concurrency && this.waiting.length > 0) this.waiting.shift()!.grant();
    };
  }
}
