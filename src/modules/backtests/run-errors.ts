/** A run that was started and failed: it is stored as `failed` with this message as reason. */
export class RunFailedError extends Error {
  constructor(
    readonly runId: string,
    override readonly cause: Error,
  ) {
    super(cause.message);
    this.name = 'RunFailedError';
  }
}

/** The data a run was made from is not the data found now. */
export class DataChangedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DataChangedError';
  }
}
