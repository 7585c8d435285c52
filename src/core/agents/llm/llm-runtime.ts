import { ChatCall, ChatModel, LlmAgentName } from '../../ports/chat-model.port';
import { Anonymizer } from './anonymizer';
import { LlmParams } from './llm.params';
import { PromptTemplate } from './prompt-template';

/** One template per agent that can ask a model. */
export type PromptTemplates = Readonly<Record<LlmAgentName, PromptTemplate>>;

/**
 * What an llm-mode run hands its strategy (through `StrategySetup.llm`): the chat model port,
 * the prompt templates and the run's anonymization. The shells build it; the core only uses it.
 */
export interface LlmRuntime {
  chat: ChatModel;
  templates: PromptTemplates;
  anonymizer: Anonymizer;
}

/** An agent's call settings: its own where the strategy file sets them, else the strategy's. */
export function callSettings(params: LlmParams, agent: LlmAgentName): Pick<ChatCall, 'model' | 'temperature' | 'maxTokens'> {
  const own = params.agents[agent];
  return { model: own.model, temperature: own.temperature ?? params.temperature, maxTokens: own.maxTokens ?? params.maxTokens };
}

/** Whether `agent` asks the model in an llm run with these parameters. */
export function usesModel(params: LlmParams, agent: LlmAgentName): boolean {
  return params.agents[agent].mode === 'llm';
}
