import type { FilingPassage } from '../../market/fundamentals';
import { Bm25Index } from './bm25.index';
import type { RetrievedPassage } from './financial-report.types';
import { dot, HashedVectorEmbedder } from './hashed-vector.embedder';
import { mmrSelect } from './mmr.reranker';
import { retrievalWords, withBigrams } from './retrieval.tokenizer';

/** How passages are retrieved (the matching fields of ReportAgentParams). */
export interface RetrievalSettings {
  denseWeight: number;
  sparseWeight: number;
  topK: number;
  rerankK: number;
  mmrLambda: number;
  dims: number;
  bm25K1: number;
  bm25B: number;
  queries: Readonly<Record<string, string>>;
}

/** Characters of a passage shown as its excerpt. */
export const EXCERPT_CHARS = 240;

/**
 * Hybrid retrieval over one filing's passages with a fixed set of finance queries:
 * 1. per query, sparse = BM25 over word unigrams divided by that query's best BM25 score in the
 *    filing (so the best passage has 1; 0 for all when nothing matches), and dense = cosine of
 *    the hashed TF-IDF vectors of words plus bigrams (idf from the filing's passages);
 * 2. H = denseWeight·dense + sparseWeight·sparse; a passage keeps its best H over the queries
 *    (with that query's dense, sparse and name);
 * 3. the `topK` passages with H > 0 by H (ties: file order) are reranked by MMR with relevance
 *    H / max H and similarity the cosine between passages, keeping `rerankK` in pick order.
 * Deterministic; call once per filing (the agent caches the result).
 */
export function retrievePassages(passages: readonly FilingPassage[], s: RetrievalSettings): RetrievedPassage[] {
  if (passages.length === 0) return [];
  const words = passages.map((p) => retrievalWords(p.text));
  const terms = words.map(withBigrams);
  const bm25 = new Bm25Index(words, s.bm25K1, s.bm25B);
  const idf = termIdf(terms);
  const embedder = new HashedVectorEmbedder(s.dims);
  const vectors = terms.map((t) => embedder.embed(t, idf));

  const best = passages.map(() => ({ h: 0, dense: 0, sparse: 0, query: '' }));
  for (const [name, text] of Object.entries(s.queries)) {
    const queryWords = retrievalWords(text);
    const queryVector = embedder.embed(withBigrams(queryWords), idf);
    const bm = bm25.scores(queryWords);
    let top = 0;
    for (const v of bm) top = Math.max(top, v);
    for (let i = 0; i < passages.length; i++) {
      const dense = dot(queryVector, vectors[i]);
      const sparse = top > 0 ? bm[i] / top : 0;
      const h = s.denseWeight * dense + s.sparseWeight * sparse;
      if (h > best[i].h) best[i] = { h, dense, sparse, query: name };
    }
  }

  const candidates = passages
    .map((_, i) => i)
    .filter((i) => best[i].h > 0)
    .sort((a, b) => best[b].h - best[a].h || a - b)
    .slice(0, s.topK);
  if (candidates.length === 0) return [];
  const maxH = best[candidates[0]].h;
  const relevance = candidates.map((i) => best[i].h / maxH);
  const picked = mmrSelect(relevance, (a, b) => dot(vectors[candidates[a]], vectors[candidates[b]]), s.rerankK, s.mmrLambda);
  return picked.map((c) => {
    const i = candidates[c];
    const p = passages[i];
    return { id: p.id, document: p.document, score: best[i].h, dense: best[i].dense, sparse: best[i].sparse, excerpt: excerpt(p.text), query: best[i].query };
  });
}

/** idf(t) = ln(1 + (N − df + 0.5) / (df + 0.5)) over the passages' term sets. */
function termIdf(terms: readonly (readonly string[])[]): (term: string) => number {
  const df = new Map<string, number>();
  for (const list of terms) for (const t of new Set(list)) df.set(t, (df.get(t) ?? 0) + 1);
  const n = terms.length;
  return (term) => {
    const f = df.get(term) ?? 0;
    return Math.log(1 + (n - f + 0.5) / (f + 0.5));
  };
}

function excerpt(text: string): string {
  if (text.length <= EXCERPT_CHARS) return text;
  const cut = text.lastIndexOf(' ', EXCERPT_CHARS);
  return `${text.slice(0, cut > EXCERPT_CHARS / 2 ? cut : EXCERPT_CHARS)}…`;
}
