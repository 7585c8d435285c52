import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PromptTemplates } from '../../core/agents/llm/llm-runtime';
import { parsePromptTemplate, PromptTemplate } from '../../core/agents/llm/prompt-template';
import { LLM_AGENTS, LlmAgentName } from '../../core/ports/chat-model.port';
import { packageRoot } from '../config/package-root';

/** What a run's manifest keeps of a prompt template. */
export interface PromptFileInfo {
  file: string;
  version: number;
  sha256: string;
}

export interface LoadedPrompts {
  templates: PromptTemplates;
  files: Record<LlmAgentName, PromptFileInfo>;
}

/** `TRADINGGROUP_PROMPTS_DIR`, else the package's `strategies/prompts`. */
export function promptsDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.TRADINGGROUP_PROMPTS_DIR ? resolve(env.TRADINGGROUP_PROMPTS_DIR) : join(packageRoot(), 'strategies', 'prompts');
}

/** Reads `<agent>.md` of every agent that can ask a model; a missing or malformed file is an error naming it. */
export function loadPrompts(dir: string = promptsDir()): LoadedPrompts {
  const templates = {} as Record<LlmAgentName, PromptTemplate>;
  const files = {} as Record<LlmAgentName, PromptFileInfo>;
  for (const agent of LLM_AGENTS) {
    const file = join(dir, `${agent}.md`);
    if (!existsSync(file)) throw new Error(`prompt template missing: ${file}`);
    const text = readFileSync(file, 'utf8');
    const template = parsePromptTemplate(text, file);
    if (template.agent !== agent) throw new Error(`${file}: its front matter says agent ${template.agent}, expected ${agent}`);
    templates[agent] = template;
    files[agent] = { file: `${agent}.md`, version: template.version, sha256: createHash('sha256').update(text).digest('hex') };
  }
  return { templates, files };
}
