import { RunStatus, RunSummaryRecord } from './run-record';

/** Where a page of runs ends: the last run's sort value and id (keyset pagination). */
export interface RunPagePosition {
  /** The sort value of the last run: an ISO timestamp, a number, or null for a run without that metric. */
  value: string | number | null;
  id: string;
}

/**
 * One page of `listRunsPage`: every filter is optional and combined with AND. Runs are
 * ordered by `sort` then id, in `order`; runs without the sort metric (not done, or a metric
 * that is undefined for them) come last in either order.
 */
export interface RunPageQuery {
  status?: RunStatus;
  strategy?: string;
  symbol?: string;
  /** ISO day `YYYY-MM-DD`: runs whose evaluation window [fromDate, toDate] contains it. */
  windowContains?: string;
  /** `createdAt` (default) or a stored metric as `metrics.<set>.<name>`, e.g. `metrics.default.sharpe`. */
  sort?: string;
  /** Default `desc`. */
  order?: 'asc' | 'desc';
  /** Page size, 1..10,000. */
  limit: number;
  /** Continue after this position (from the previous page's `next`). */
  after?: RunPagePosition;
}

export interface RunPage {
  runs: RunSummaryRecord[];
  /** Where the next page starts, or null when this is the last page. */
  next: RunPagePosition | null;
}
