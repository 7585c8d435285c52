import { Action } from '../agents/decision/decision.types';
import { ForecastLabel } from '../agents/forecast/forecast.types';
import { Style } from '../agents/style/style.types';
import { MemoryCase } from '../reflection/memory-case';
import {
  AgentPrompt,
  buildDecisionPrompt,
  buildForecastPrompt,
  buildNewsPrompt,
  buildReportPrompt,
  buildStylePrompt,
  decisionAnswerText,
  forecastAnswerText,
  newsAnswerText,
  reportAnswerText,
  styleAnswerText,
} from './prompts';
import { decisionPromptInput, forecastPromptInput, newsPromptInput, reportPromptInput, stylePromptInput } from './prompt-inputs.from-trace';
import { metadataOf } from './record-metadata.builder';
import { SftRecord, SynthAgent, SynthesisRunInfo } from './synthesis.types';
import { BarTrace, RecordedOutput } from './trace-bars.reader';

/** The prompt and the assistant message of an agent at a bar, rebuilt from the trace; null when the agent has no output there. */
export function agentExchange(agent: SynthAgent, bar: BarTrace, symbol: string): { prompt: AgentPrompt; answer: string } | null {
  const out = bar.outputs[agent];
  if (!out) return null;
  const prompt = promptOf(agent, bar, symbol);
  return prompt === null ? null : { prompt, answer: answerOf(agent, out) };
}

/** The SFT record of an agent at a bar: system, user (the inputs) and assistant (the recorded output and rationale). */
export function buildSftRecord(agent: SynthAgent, bar: BarTrace, info: SynthesisRunInfo, labelled: MemoryCase | null): SftRecord | null {
  const exchange = agentExchange(agent, bar, info.symbol);
  if (exchange === null) return null;
  return {
    format: 'tradinggroup.sft.v1',
    messages: [
      { role: 'system', content: exchange.prompt.system },
      { role: 'user', content: exchange.prompt.user },
      { role: 'assistant', content: exchange.answer },
    ],
    metadata: metadataOf(info, bar, agent, labelled),
  };
}

function promptOf(agent: SynthAgent, bar: BarTrace, symbol: string): AgentPrompt | null {
  switch (agent) {
    case 'news': {
      const input = newsPromptInput(bar, symbol);
      return input && buildNewsPrompt(input);
    }
    case 'report': {
      const input = reportPromptInput(bar, symbol);
      return input && buildReportPrompt(input);
    }
    case 'forecast': {
      const input = forecastPromptInput(bar, symbol);
      return input && buildForecastPrompt(input);
    }
    case 'style': {
      const input = stylePromptInput(bar, symbol);
      return input && buildStylePrompt(input);
    }
    case 'decision': {
      const input = decisionPromptInput(bar, symbol);
      return input && buildDecisionPrompt(input);
    }
  }
}

function answerOf(agent: SynthAgent, out: RecordedOutput): string {
  const d = out.data;
  const rationale = out.rationale;
  switch (agent) {
    case 'news':
      return newsAnswerText({ score: Number(d.score), rationale });
    case 'report':
      return reportAnswerText({ score: Number(d.score), risks: strings(d.risks), opportunities: strings(d.opportunities), rationale });
    case 'forecast':
      return forecastAnswerText({ label: d.label as ForecastLabel, pUp: Number(d.pUp), pDown: Number(d.pDown), pSideways: Number(d.pSideways), rationale });
    case 'style':
      return styleAnswerText({ style: d.style as Style, rationale });
    case 'decision':
      return decisionAnswerText({ action: d.action as Action, confidence: Number(d.confidence), rationale });
  }
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.map(String) : [];
}
