import { LlmRunOptions } from '../../core/engine/run-spec';

/** The llm options a request may give; the rest come from the environment or the defaults. */
export type LlmOptionsInput = Partial<LlmRunOptions>;

/**
 * The llm options of a run: the request's, over `TRADINGGROUP_LLM_BASE_URL` and
 * `TRADINGGROUP_LLM_MODEL`. Not validated here (the run spec's schema does that, naming the field).
 */
export function llmOptionsFrom(input: LlmOptionsInput | undefined, env: NodeJS.ProcessEnv = process.env): LlmOptionsInput | undefined {
  // An empty variable counts as unset.
  const baseUrl = input?.baseUrl ?? (env.TRADINGGROUP_LLM_BASE_URL || undefined);
  const model = input?.model ?? (env.TRADINGGROUP_LLM_MODEL || undefined);
  if (baseUrl === undefined && model === undefined && input === undefined) return undefined;
  return { ...input, ...(baseUrl !== undefined && { baseUrl }), ...(model !== undefined && { model }) };
}

/** The API key, from the environment only: never part of a spec, a manifest, a log or an artifact. */
export function llmApiKey(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env.TRADINGGROUP_LLM_API_KEY || undefined;
}
