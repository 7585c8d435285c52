import type { FilingPassage } from '../../market/fundamentals';
import type { Provenance } from '../agent';
import type { RetrievalSettings } from './filing.retriever';
import { retrievePassages } from './filing.retriever';
import type { RetrievedPassage } from './financial-report.types';
import { passageTone } from './filing-tone';
import { filingFindings, Findings } from './risks-opportunities.rule';

/** What is computed once per filing and reused on every later bar until a newer filing appears. */
export interface FilingAnalysis {
  document: string;
  publishedAt: number;
  /** The kept passages (frozen), each with its tone. */
  passages: readonly RetrievedPassage[];
  /** Relevance-weighted mean tone of the kept passages: Σ H·tone / Σ H (0 without passages). */
  tone: number;
  findings: Findings;
  provenance: readonly Provenance[];
}

interface FilingGroup {
  publishedAt: number;
  document: string;
  analysis: FilingAnalysis | null;
}

/** Filings remembered per analyser before the cache starts over. */
const MAX_CACHED_FILINGS = 256;

/**
 * Finds the latest filing public at each decision and analyses each filing once. A filing is
 * identified by symbol, document and publication instant. The documents of a passages array are
 * indexed once per array (sorted by publication), so a decision costs a binary search however
 * many filings the caller passes.
 */
export class FilingAnalyser {
  private readonly analyses = new Map<string, FilingAnalysis>();
  private passages: readonly FilingPassage[] | null = null;
  private symbol = '';
  private groups: FilingGroup[] = [];

  constructor(private readonly settings: RetrievalSettings) {}

  /** Filings analysed so far. */
  get analysed(): number {
    return this.analyses.size;
  }

  /** The latest filing of `symbol` published at or before `time` (ties: the greater document name), or null. */
  at(symbol: string, passages: readonly FilingPassage[], time: number): FilingAnalysis | null {
    if (passages !== this.passages || symbol !== this.symbol) this.index(symbol, passages);
    let lo = 0;
    let hi = this.groups.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.groups[mid].publishedAt <= time) lo = mid + 1;
      else hi = mid;
    }
    if (lo === 0) return null;
    const group = this.groups[lo - 1];
    group.analysis ??= this.analyse(symbol, group.document, group.publishedAt, passages);
    return group.analysis;
  }

  private index(symbol: string, passages: readonly FilingPassage[]): void {
    const seen = new Map<string, FilingGroup>();
    for (const p of passages) {
      if (p.symbol !== symbol) continue;
      const key = `${p.publishedAt}\u0000${p.document}`;
      if (!seen.has(key)) seen.set(key, { publishedAt: p.publishedAt, document: p.document, analysis: null });
    }
    this.groups = [...seen.values()].sort((a, b) => a.publishedAt - b.publishedAt || (a.document < b.document ? -1 : a.document > b.document ? 1 : 0));
    this.passages = passages;
    this.symbol = symbol;
  }

  private analyse(symbol: string, document: string, publishedAt: number, passages: readonly FilingPassage[]): FilingAnalysis {
    const key = `${symbol}\u0000${document}\u0000${publishedAt}`;
    const cached = this.analyses.get(key);
    if (cached !== undefined) return cached;
    const own = passages.filter((q) => q.symbol === symbol && q.document === document && q.publishedAt === publishedAt);
    const textOf = new Map(own.map((q) => [q.id, q.text]));
    const kept = retrievePassages(own, this.settings).map((r) => Object.freeze({ ...r, tone: passageTone(textOf.get(r.id) as string) }));
    let weighted = 0;
    let weights = 0;
    for (const r of kept) {
      weighted += r.score * r.tone;
      weights += r.score;
    }
    const tone = weights > 0 ? weighted / weights : 0;
    const findings: Findings = { risks: [], opportunities: [] };
    filingFindings(tone, document, kept, findings);
    Object.freeze(findings.risks);
    Object.freeze(findings.opportunities);
    const provenance = kept.map((r): Provenance => Object.freeze({ kind: 'filing', ref: r.id, publishedAt }));
    const analysis: FilingAnalysis = Object.freeze({ document, publishedAt, passages: Object.freeze(kept), tone, findings, provenance: Object.freeze(provenance) });
    if (this.analyses.size >= MAX_CACHED_FILINGS) this.analyses.clear();
    this.analyses.set(key, analysis);
    return analysis;
  }
}
