import { EarningsRecord, FilingPassage } from '../../market/fundamentals';

/** Input of the financial-report agent: what was public as of the decision. */
export interface ReportInput {
  symbol: string;
  time: number;
  /** Earnings announcements published at or before `time`, oldest first. */
  earnings: readonly EarningsRecord[];
  /** Passages of the latest filing published at or before `time` (empty when none was supplied). */
  filing: readonly FilingPassage[];
}

/** A passage retrieved from the filing, with its hybrid score H = 1.0·dense + 0.8·sparse. */
export interface RetrievedPassage {
  id: string;
  document: string;
  score: number;
  dense: number;
  sparse: number;
  excerpt: string;
  /** The finance query (topic) that gave the passage its best score. */
  query?: string;
  /** Finance sentiment of the passage in [-1, 1]. */
  tone?: number;
}

/** Output of the financial-report agent. */
export interface FinancialReport {
  /** Fundamental tilt in [-1, 1]; 0 with no data. */
  score: number;
  indicators: {
    /** (actual − estimate) / |estimate| of the latest quarter, or null. */
    epsSurprise: number | null;
    /** Year-over-year EPS growth of the latest quarter, or null. */
    epsGrowthYoY: number | null;
    /** Beats among the last 4 reported quarters. */
    beatsLast4: number | null;
    latestQuarter: string | null;
    /** Days since the latest announcement became public. */
    daysSinceRelease: number | null;
    /** Misses among the last 4 reported quarters. */
    missesLast4?: number | null;
    /** Relevance-weighted finance sentiment of the retrieved filing passages in [-1, 1], or null without a filing. */
    filingTone?: number | null;
    /** The filing the passages come from (e.g. `10-Q 2015-Q2`), or null. */
    filingDocument?: string | null;
  };
  risks: string[];
  opportunities: string[];
  passages: RetrievedPassage[];
}
