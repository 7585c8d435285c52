import { RunStopped } from './run-errors';

/** A run this process has started and not yet ended. */
export interface ActiveRun {
  readonly id: string;
  /** Aborted (with a {@link RunStopped}) to stop the run wherever it is: queue, load, engine, artifacts. */
  readonly controller: AbortController;
  /** Share of the engine loop done, as last reported by the executor. */
  fraction: number;
  /** Settles (never rejects) once the run is stored in a final status. */
  settled: Promise<void>;
}

/** The runs this process executes or has queued, by id. */
export class ActiveRuns {
  private readonly runs = new Map<string, ActiveRun>();

  add(id: string, controller: AbortController): ActiveRun {
    const run: ActiveRun = { id, controller, fraction: 0, settled: Promise.resolve() };
    this.runs.set(id, run);
    return run;
  }

  delete(id: string): void {
    this.runs.delete(id);
  }

  get(id: string): ActiveRun | undefined {
    return this.runs.get(id);
  }

  ids(): string[] {
    return [...this.runs.keys()];
  }

  all(): ActiveRun[] {
    return [...this.runs.values()];
  }

  get size(): number {
    return this.runs.size;
  }

  /** Stops a run with the status and reason it is to be stored with; false when it is not active here. */
  stop(id: string, reason: RunStopped): boolean {
    const run = this.runs.get(id);
    if (!run) return false;
    if (!run.controller.signal.aborted) run.controller.abort(reason);
    return true;
  }
}
