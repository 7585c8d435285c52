import { z } from 'zod';

/**
 * Parameters of the news-sentiment agent, as written in strategy files; every field has a
 * documented default. Influence is N = 0.55·base + 0.25·prob + 0.20 (the paper's weights, fixed).
 */
export const NewsAgentParams = z
  .object({
    /** Items kept after de-duplication, by influence. */
    topK: z.number().int().min(1).default(5),
    /** Word-shingle Jaccard similarity at or above which a later item duplicates an earlier one. */
    dedupThreshold: z.number().gt(0).lte(1).default(0.6),
    /** Words per shingle for de-duplication. */
    shingleSize: z.number().int().min(1).max(8).default(2),
    /** Keyword weights added to (or overriding) the default finance keywords; 0 switches one off. */
    keywords: z.record(z.string().regex(/^[a-z][a-z0-9]*$/, 'a single lower-case word'), z.number().min(0)).default({}),
    /** Sum of distinct keyword weights at which the keyword part of `base` reaches 1. */
    keywordSaturation: z.number().positive().default(3),
    /** Word count at which the length part of `base` reaches 1. */
    lengthSaturation: z.number().int().positive().default(30),
    /** Share of the keyword part in `base` (the rest is the length part). */
    keywordShare: z.number().min(0).max(1).default(0.7),
  })
  .strict();
export type NewsAgentParams = z.infer<typeof NewsAgentParams>;

/** The defaults, for callers that build the agent without a strategy file. */
export const DEFAULT_NEWS_AGENT_PARAMS: NewsAgentParams = NewsAgentParams.parse({});
