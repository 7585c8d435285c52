import type { EarningsIndicators, EarningsView } from './earnings.indicators';
import type { RetrievedPassage } from './financial-report.types';

/** Tone beyond which a filing (or a passage) is called negative or positive. */
export const TONE_THRESHOLD = 0.2;

/** Short findings for the decision agent and the log. */
export interface Findings {
  risks: string[];
  opportunities: string[];
}

/** Findings from the latest quarter's numbers (staleness apart: it changes with every decision, see {@link staleFinding}). */
export function earningsFindings(ind: EarningsIndicators, view: EarningsView, into: Findings): void {
  const { latest } = view;
  const pct = (x: number) => `${Math.round(Math.abs(x) * 100)}%`;
  const vs = `${latest.epsActual} vs ${latest.epsEstimate} estimated, quarter ${ind.quarter}`;
  if (ind.surprise < 0) into.risks.push(`EPS missed the estimate by ${pct(ind.surprise)} (${vs})`);
  else if (ind.surprise > 0) into.opportunities.push(`EPS beat the estimate by ${pct(ind.surprise)} (${vs})`);
  if (ind.growthYoY !== null && view.yearAgo !== null) {
    const ago = `${latest.epsActual} vs ${view.yearAgo.epsActual} a year earlier`;
    if (ind.growthYoY < 0) into.risks.push(`EPS fell ${pct(ind.growthYoY)} year over year (${ago})`);
    else if (ind.growthYoY > 0) into.opportunities.push(`EPS grew ${pct(ind.growthYoY)} year over year (${ago})`);
  }
  if (ind.quarters >= 2 && ind.beats > ind.quarters / 2) into.opportunities.push(`${ind.beats} beats in the last ${ind.quarters} quarters`);
  if (ind.quarters >= 2 && ind.misses >= ind.quarters / 2) into.risks.push(`${ind.misses} misses in the last ${ind.quarters} quarters`);
  if (latest.epsActual < 0) into.risks.push(`a loss of ${latest.epsActual} per share in quarter ${ind.quarter}`);
}

/** The staleness risk once figures are older than `staleDays`, else null. */
export function staleFinding(daysSinceRelease: number, staleDays: number): string | null {
  return daysSinceRelease > staleDays ? `the latest figures are ${Math.floor(daysSinceRelease)} days old` : null;
}

/** Findings from the filing's tone and its most negative and positive passages. */
export function filingFindings(tone: number, document: string, passages: readonly RetrievedPassage[], into: Findings): void {
  if (tone <= -TONE_THRESHOLD) into.risks.push(`${document}: the retrieved passages read negative (tone ${tone.toFixed(2)})`);
  else if (tone >= TONE_THRESHOLD) into.opportunities.push(`${document}: the retrieved passages read positive (tone ${tone.toFixed(2)})`);
  const quote = (p: RetrievedPassage) => `${document} (${p.query ?? 'filing'}): "${p.excerpt.length > 120 ? `${p.excerpt.slice(0, 119)}…` : p.excerpt}"`;
  let worst: RetrievedPassage | undefined;
  let best: RetrievedPassage | undefined;
  for (const p of passages) {
    if ((p.tone ?? 0) <= -TONE_THRESHOLD && (worst === undefined || (p.tone ?? 0) < (worst.tone ?? 0))) worst = p;
    if ((p.tone ?? 0) >= TONE_THRESHOLD && (best === undefined || (p.tone ?? 0) > (best.tone ?? 0))) best = p;
  }
  if (worst) into.risks.push(quote(worst));
  if (best) into.opportunities.push(quote(best));
}
