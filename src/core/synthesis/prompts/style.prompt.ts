import { Style } from '../../agents/style/style.types';
import { canonicalJson } from '../canonical-json.writer';
import { ExperiencePromptInput, experienceSection } from './experience.prompt';
import { AgentPrompt, decisionHeader, fixed, PositionView, positionText, PromptContext, sections, signedPercent } from './prompt-text.format';

/** What the style agent sees: the account and the market's volatility regime. */
export interface StylePromptInput extends PromptContext {
  /** equity / peak equity − 1 (≤ 0). */
  drawdown: number | null;
  /** Equity return over the recent window. */
  recentReturn: number | null;
  /** σ of daily returns over the short window / over the long window. */
  volatilityRatio: number | null;
  position: PositionView;
  experience: ExperiencePromptInput | null;
}

/** The style agent's answer. */
export interface StyleAnswer {
  style: Style;
  rationale: string;
}

/** Role and JSON output schema of the style agent. */
export const STYLE_SYSTEM_PROMPT = [
  'You are the trading-style agent of TradingGroup, a multi-agent trading system trading one stock long only.',
  'From the account state, the position and the volatility regime you choose the posture for the next trade:',
  '"aggressive" (large positions, wide stop-loss and take-profit), "balanced", or "conservative" (small positions, tight stops).',
  'Be conservative after drawdowns, losing stretches or in turbulent markets; aggressive only after gains in calm markets.',
  'When an experience summary of past labelled decisions is given, use it.',
  'Answer with one JSON object and nothing else:',
  '{"rationale": string, "style": "aggressive" | "balanced" | "conservative"}',
].join('\n');

/** The user message of the style agent. */
export function buildStylePrompt(input: StylePromptInput): AgentPrompt {
  const account = [
    'Account and market at the decision:',
    `- Drawdown from the peak equity: ${signedPercent(input.drawdown)}`,
    `- Equity return over the recent sessions: ${signedPercent(input.recentReturn)}`,
    `- Short-term / long-term volatility of daily returns: ${fixed(input.volatilityRatio)}x`,
    `- Position: ${positionText(input.position)}`,
  ];
  const ask = 'Choose the trading style.';
  return { system: STYLE_SYSTEM_PROMPT, user: sections(decisionHeader(input), account, experienceSection(input.experience), ask) };
}

/** The assistant message: the answer as canonical JSON. */
export function styleAnswerText(a: StyleAnswer): string {
  return canonicalJson({ style: a.style, rationale: a.rationale });
}
