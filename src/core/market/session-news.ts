import { buildNewsTimeline, NewsItem, NewsTimeline } from './news';

/**
 * The news of each session as its own frozen list, made once per session, and what readers work
 * out from a session's list, kept by session (`perSession`).
 */
export class SessionNews {
  private readonly lists: Array<readonly NewsItem[] | undefined>;
  private readonly memos = new Map<string, unknown[]>();

  constructor(readonly timeline: NewsTimeline) {
    this.lists = new Array(timeline.start.length);
  }

  /**
   * A slot per session for values worked out from that session's list alone, under `key` (which
   * must name everything else they depend on). The arrangement is shared by the runs on the same
   * list and sessions, so a value is worked out once for all of them and found by the session's
   * number, not by searching for its list.
   */
  perSession<T>(key: string): Array<T | undefined> {
    let slots = this.memos.get(key);
    if (!slots) this.memos.set(key, (slots = new Array(this.lists.length)));
    return slots as Array<T | undefined>;
  }

  /** Items of session t: published after the previous close and at or before this close. */
  at(t: number): readonly NewsItem[] {
    const { items, start, end } = this.timeline;
    if (start[t] === end[t]) return NONE;
    return (this.lists[t] ??= Object.freeze(items.slice(start[t], end[t])));
  }
}

const NONE: readonly NewsItem[] = Object.freeze([]);
/** Arrangements kept per news list (one per distinct set of sessions it was run on). */
const PER_LIST = 4;
const ARRANGED = new WeakMap<readonly NewsItem[], Array<{ closes: Float64Array; news: SessionNews }>>();

/**
 * The news arranged by the sessions closing at `closes`. A frozen list cannot change, so its
 * arrangement is kept for the process and handed to every run on the same list and sessions:
 * an ablation, a comparison or repeated API runs on one loaded file share the session lists,
 * and the news agent recognises a session it has read by identity. Other lists are arranged
 * for the run alone.
 */
export function sessionNews(items: readonly NewsItem[], closes: Float64Array): SessionNews {
  if (!Object.isFrozen(items)) return new SessionNews(buildNewsTimeline(items, closes));
  let known = ARRANGED.get(items);
  const found = known?.find((s) => sameCloses(s.closes, closes));
  if (found) return found.news;
  const news = new SessionNews(buildNewsTimeline(items, closes));
  if (!known) ARRANGED.set(items, (known = []));
  if (known.length === PER_LIST) known.shift();
  known.push({ closes: Float64Array.from(closes), news });
  return news;
}

function sameCloses(a: Float64Array, b: Float64Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
