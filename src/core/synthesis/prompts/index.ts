/**
 * Prompt builders of the five agents: for each, a system prompt (role and JSON output schema),
 * a pure function rendering the agent's inputs as the user message, and the assistant message of
 * an answer as canonical JSON. Used by the data synthesis and, later, by the LLM mode.
 */
export * from './prompt-text.format';
export * from './experience.prompt';
export * from './forecast.prompt';
export * from './news.prompt';
export * from './report.prompt';
export * from './style.prompt';
export * from './decision.prompt';
