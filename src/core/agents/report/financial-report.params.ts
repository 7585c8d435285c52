import { z } from 'zod';

/**
 * The fixed finance queries the filing is searched with: one per topic an analyst reads first.
 * A passage's hybrid score is its best score over these queries.
 */
export const DEFAULT_FINANCE_QUERIES: Readonly<Record<string, string>> = {
  revenue: 'revenue net sales growth increase decrease',
  margins: 'gross margin operating margin profitability',
  earnings: 'net income earnings per share diluted',
  guidance: 'guidance outlook expect forecast next quarter fiscal year',
  'risk factors': 'risk factors uncertainty adverse competition litigation',
  liquidity: 'liquidity cash flow capital resources debt',
  costs: 'operating expenses costs research development',
  'capital returns': 'dividends share repurchase buyback program',
};

/**
 * Parameters of the financial-report agent, as written in strategy files; every field has a
 * documented default. The score is tanh(decay(ageE)·E + filingWeight·decay(ageF)·F) with
 * E = surpriseWeight·clip(surprise/surpriseScale) + growthWeight·clip(growth/growthScale)
 *   + beatsWeight·(beats − misses)/quarters and F the filing tone (see financial-report.agent.ts).
 */
export const ReportAgentParams = z
  .object({
    /** Weight of the latest EPS surprise; a surprise of `surpriseScale` (10%) counts fully. */
    surpriseWeight: z.number().min(0).default(1),
    surpriseScale: z.number().positive().default(0.1),
    /** Weight of year-over-year EPS growth; growth of `growthScale` (25%) counts fully. */
    growthWeight: z.number().min(0).default(0.5),
    growthScale: z.number().positive().default(0.25),
    /** Weight of the beat balance over the last 4 quarters, (beats − misses) / quarters. */
    beatsWeight: z.number().min(0).default(0.5),
    /** Weight of the filing tone in [-1, 1]. */
    filingWeight: z.number().min(0).default(0.5),
    /** Staleness: evidence loses half its weight every `halfLifeDays` after its release. */
    halfLifeDays: z.number().positive().default(90),
    /** Age in days past which stale figures are listed as a risk. */
    staleDays: z.number().positive().default(120),
    /** Floor of |denominator| in surprise and growth, in currency per share (avoids dividing by ~0). */
    epsFloor: z.number().positive().default(0.01),
    /** Hybrid retrieval H = denseWeight·dense + sparseWeight·sparse (the paper: 1.0 and 0.8). */
    denseWeight: z.number().min(0).default(1),
    sparseWeight: z.number().min(0).default(0.8),
    /** Passages kept by H, then reranked (MMR) to `rerankK`. */
    topK: z.number().int().min(1).default(10),
    rerankK: z.number().int().min(1).default(6),
    /** MMR trade-off: 1 = relevance only, 0 = diversity only. */
    mmrLambda: z.number().min(0).max(1).default(0.7),
    /** Dimensions of the hashed bag-of-words vectors. */
    dims: z.number().int().min(16).max(65_536).default(512),
    /** BM25 term-frequency saturation and length normalisation. */
    bm25K1: z.number().min(0).default(1.2),
    bm25B: z.number().min(0).max(1).default(0.75),
    /** Topic name → query text. */
    queries: z.record(z.string(), z.string().min(1)).default({ ...DEFAULT_FINANCE_QUERIES }),
  })
  .strict()
  .refine((p) => p.rerankK <= p.topK, { message: 'rerankK must not exceed topK', path: ['rerankK'] })
  .refine((p) => Object.keys(p.queries).length > 0, { message: 'at least one query', path: ['queries'] });
export type ReportAgentParams = z.infer<typeof ReportAgentParams>;

/** The defaults, for callers that build the agent without a strategy file. */
export const DEFAULT_REPORT_AGENT_PARAMS: ReportAgentParams = ReportAgentParams.parse({});
