/** A feed could not give what a tick needs: unreachable, a malformed answer, or stale data. */
export class FeedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FeedError';
  }
}
