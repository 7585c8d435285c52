import { isoDay } from '../../market/dates';
import { MarketInputs } from '../../market/market-inputs';

/**
 * How much of a run's window its news and fundamentals cover, counted session by session: the
 * share of sessions whose news had items, and of sessions with an EPS number at most `staleDays`
 * old. A file that covers none or only part of the window gives a note with its coverage, so a
 * run on inputs that miss the window says so instead of quietly trading on prices alone.
 */
export class InputCoverage {
  private sessions = 0;
  private newsSessions = 0;
  private reportSessions = 0;
  private firstTime = NaN;
  private lastTime = NaN;

  constructor(
    private readonly inputs: MarketInputs,
    private readonly staleDays: number,
    private readonly newsOn: boolean,
    private readonly reportOn: boolean,
  ) {}

  /** One decided session: whether its news had items, and the age of its latest EPS number (null: none public). */
  count(time: number, newsItems: boolean, daysSinceRelease: number | null): void {
    if (this.sessions === 0) this.firstTime = time;
    this.lastTime = time;
    this.sessions++;
    if (newsItems) this.newsSessions++;
    if (daysSinceRelease !== null && daysSinceRelease <= this.staleDays) this.reportSessions++;
  }

  notes(): string[] {
    const n = this.sessions;
    if (n === 0) return [];
    const window = `the window's ${n.toLocaleString('en-US')} sessions (${isoDay(this.firstTime)}..${isoDay(this.lastTime)})`;
    const out: string[] = [];
    const news = this.inputs.news;
    if (this.newsOn && news.length > 0 && this.newsSessions < n) {
      let lo = Infinity;
      let hi = -Infinity;
      for (let i = 0; i < news.length; i++) {
        const t = news[i].time;
        if (t < lo) lo = t;
        if (t > hi) hi = t;
      }
      const span = `${isoDay(lo)}..${isoDay(hi)}`;
      out.push(
        this.newsSessions === 0
          ? `news covers none of ${window}: its ${count(news.length, 'item')} run ${span}; the news agent reports no_data on every bar`
          : `news covers ${share(this.newsSessions, n)} of ${window}: ${this.newsSessions.toLocaleString('en-US')} have items; its ${count(news.length, 'item')} run ${span}`,
      );
    }
    const earnings = this.inputs.earnings;
    if (this.reportOn && earnings.length > 0 && this.reportSessions < n) {
      let lo = Infinity;
      let hi = -Infinity;
      for (let i = 0; i < earnings.length; i++) {
        const t = earnings[i].publishedAt;
        if (t < lo) lo = t;
        if (t > hi) hi = t;
      }
      const span = `${isoDay(lo)}..${isoDay(hi)}`;
      const what = `an EPS number at most ${this.staleDays} days old`;
      out.push(
        this.reportSessions === 0
          ? `fundamentals cover none of ${window} (no session has ${what}): its ${count(earnings.length, 'release')} run ${span}`
          : `fundamentals cover ${share(this.reportSessions, n)} of ${window}: ${this.reportSessions.toLocaleString('en-US')} have ${what}; its ${count(earnings.length, 'release')} run ${span}`,
      );
    }
    return out;
  }
}

function share(k: number, n: number): string {
  return `${((100 * k) / n).toFixed(1)}%`;
}

function count(n: number, noun: string): string {
  return `${n.toLocaleString('en-US')} ${noun}${n === 1 ? '' : 's'}`;
}
