/**
 * Groups writes that arrive together into one commit: the first write starts a commit at once,
 * and every write that arrives while a commit is in flight goes into the next one. Each caller
 * learns its own write's outcome: `commit` answers, for each row in order, null when it was
 * stored or the error that refused it; a commit that fails as a whole fails every write in it.
 */
export class CommitBatcher<T> {
  private pending: Array<{ row: T; resolve: () => void; reject: (error: unknown) => void }> = [];
  private committing = false;

  constructor(private readonly commit: (rows: T[]) => Promise<Array<unknown>>) {}

  /** Resolves once `row` is committed; rejects with the error that refused it. */
  write(row: T): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ row, resolve, reject });
      if (!this.committing) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.committing = true;
    try {
      while (this.pending.length > 0) {
        const batch = this.pending;
        this.pending = [];
        try {
          const outcomes = await this.commit(batch.map((w) => w.row));
          batch.forEach((w, i) => (outcomes[i] == null ? w.resolve() : w.reject(outcomes[i])));
        } catch (error) {
          for (const w of batch) w.reject(error);
        }
      }
    } finally {
      this.committing = false;
    }
  }
}
