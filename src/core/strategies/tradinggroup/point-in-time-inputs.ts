import { EarningsRecord, FilingPassage } from '../../market/fundamentals';
import { MarketInputs } from '../../market/market-inputs';
import { NewsItem } from '../../market/news';
import { SessionNews, sessionNews } from '../../market/session-news';

/**
 * The run's news, earnings and filings arranged by session, once per run: what was public at
 * each bar's close. Views are cached and change only when a newer item became public. The news
 * is arranged on first use, so a run with the news agent switched off never reads it.
 */
export class PointInTimeInputs {
  private news: SessionNews | null = null;
  private readonly earnings: EarningsRecord[];
  private readonly filings: FilingPassage[][];
  private earningsCount = 0;
  private earningsView: EarningsRecord[] = [];
  private filingIndex = -1;

  constructor(
    private readonly inputs: MarketInputs,
    private readonly closes: Float64Array,
  ) {
    this.earnings = [...inputs.earnings].sort((a, b) => a.publishedAt - b.publishedAt);
    this.filings = groupByDocument(inputs.filing);
  }

  /** News of session t: published after the previous close and at or before this close. */
  newsAt(t: number): readonly NewsItem[] {
    return this.sessions.at(t);
  }

  /** Per-session slots for values worked out from a session's news alone (see {@link SessionNews.perSession}). */
  newsMemo<T>(key: string): Array<T | undefined> {
    return this.sessions.perSession<T>(key);
  }

  private get sessions(): SessionNews {
    return (this.news ??= sessionNews(this.inputs.news, this.closes));
  }

  /** Earnings records public at `time` (oldest first). Calls must come in time order. */
  earningsAt(time: number): readonly EarningsRecord[] {
    let n = this.earningsCount;
    while (n < this.earnings.length && this.earnings[n].publishedAt <= time) n++;
    if (n !== this.earningsCount) {
      this.earningsCount = n;
      this.earningsView = this.earnings.slice(0, n);
    }
    return this.earningsView;
  }

  /** Passages of the latest filing public at `time`. Calls must come in time order. */
  filingAt(time: number): readonly FilingPassage[] {
    while (this.filingIndex + 1 < this.filings.length && this.filings[this.filingIndex + 1][0].publishedAt <= time) this.filingIndex++;
    return this.filingIndex < 0 ? EMPTY : this.filings[this.filingIndex];
  }
}

const EMPTY: never[] = [];

/** Filings as groups of passages of one document, ordered by publication. */
function groupByDocument(passages: readonly FilingPassage[]): FilingPassage[][] {
  const groups = new Map<string, FilingPassage[]>();
  for (const p of passages) {
    const key = `${p.publishedAt}|${p.document}`;
    const g = groups.get(key);
    if (g) g.push(p);
    else groups.set(key, [p]);
  }
  return [...groups.values()].sort((a, b) => a[0].publishedAt - b[0].publishedAt);
}
