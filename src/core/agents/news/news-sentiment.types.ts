import { NewsItem } from '../../market/news';

/** Input of the news-sentiment agent: the session's items for the ticker. */
export interface NewsInput {
  symbol: string;
  /** Company name and aliases, used to score relevance. */
  aliases: readonly string[];
  /** Decision instant (epoch ms UTC). */
  time: number;
  /** Items of this session (published after the previous close, at or before `time`). */
  items: readonly NewsItem[];
}

/** One kept item with its scores. */
export interface ScoredNewsItem {
  id: string;
  publishedAt: number;
  headline: string;
  /** N = 0.55·base + 0.25·prob + 0.20, in [0.2, 1]. */
  influence: number;
  /** Keyword/length heuristic in [0, 1]. */
  base: number;
  /** Relevance to the ticker / company in [0, 1]. */
  prob: number;
  /** Item sentiment in [-1, 1]. */
  sentiment: number;
}

/** Output of the news-sentiment agent. */
export interface NewsSentiment {
  /** Influence-weighted market sentiment in [-1, 1]; 0 with no data. */
  score: number;
  /** Items seen and kept after de-duplication and top-k. */
  seen: number;
  duplicates: number;
  kept: ScoredNewsItem[];
  summary: string;
}
