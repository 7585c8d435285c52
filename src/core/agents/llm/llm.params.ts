import { z } from 'zod';

/** How one agent runs in an llm-mode run (the strategy file's `llm.agents.<agent>`). */
export const LlmAgentSettings = z
  .object({
    /** `analytic` keeps this agent on its analytic implementation in an llm run. */
    mode: z.enum(['llm', 'analytic']).default('llm'),
    /** The model for this agent; default: the run's model. */
    model: z.string().min(1).max(200).optional(),
    temperature: z.number().min(0).max(2).optional(),
    maxTokens: z.number().int().min(16).max(32_768).optional(),
  })
  .strict();
export type LlmAgentSettings = z.infer<typeof LlmAgentSettings>;

/**
 * The llm mode's tunables of the TradingGroup strategy. They apply only to runs in the llm mode;
 * an analytic run ignores them.
 */
export const LlmParams = z
  .object({
    temperature: z.number().min(0).max(2).default(0),
    /** Upper bound of an answer's length in tokens (also what budgets count as its worst case). */
    maxTokens: z.number().int().min(16).max(32_768).default(512),
    /** Sessions ahead for which the news and report agents are asked early (their prompts depend only on data public by then). */
    lookahead: z.number().int().min(0).max(64).default(8),
    /** Most news items a prompt shows, and the characters shown of each item's text. */
    newsItems: z.number().int().min(1).max(50).default(8),
    newsChars: z.number().int().min(40).max(4000).default(400),
    /** Characters shown of each retrieved filing passage. */
    passageChars: z.number().int().min(40).max(4000).default(500),
    reflection: z
      .object({
        /** Labelled cases needed before the model is asked to reflect. */
        minCases: z.number().int().min(1).default(5),
        /** Most similar past states shown beside the recent window. */
        similarCases: z.number().int().min(0).max(50).default(5),
        /** Sessions between two reflections (1: every session, as in the paper). */
        every: z.number().int().min(1).max(250).default(1),
      })
      .strict()
      .default({}),
    agents: z
      .object({
        news: LlmAgentSettings.default({}),
        report: LlmAgentSettings.default({}),
        forecast: LlmAgentSettings.default({}),
        style: LlmAgentSettings.default({}),
        decision: LlmAgentSettings.default({}),
        reflection: LlmAgentSettings.default({}),
      })
      .strict()
      .default({}),
  })
  .strict();
export type LlmParams = z.infer<typeof LlmParams>;
