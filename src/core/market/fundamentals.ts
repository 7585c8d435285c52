/** When a company released a number relative to the trading session. */
export type ReleaseTime = 'pre-market' | 'post-market' | 'unknown';

/** One quarterly earnings announcement: EPS estimate and actual. */
export interface EarningsRecord {
  symbol: string;
  /** Announcement day, epoch ms at 00:00 UTC. */
  announceDay: number;
  releaseTime: ReleaseTime;
  /** Fiscal quarter end as `YYYY-MM`. */
  quarter: string;
  epsEstimate: number;
  epsActual: number;
  /**
   * The instant the number became public, epoch ms UTC: pre-market releases are known from that
   * day's open, post-market ones after that day's close, unknown ones from the end of the day
   * (conservative: they first count at the next session).
   */
  publishedAt: number;
}

/** A passage of a filing (10-Q / 10-K), stamped with the filing's publication instant. */
export interface FilingPassage {
  id: string;
  symbol: string;
  publishedAt: number;
  /** Form and period, e.g. `10-Q 2015-Q2`. */
  document: string;
  text: string;
}
