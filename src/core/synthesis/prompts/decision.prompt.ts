import { Action } from '../../agents/decision/decision.types';
import { ForecastLabel } from '../../agents/forecast/forecast.types';
import { Style } from '../../agents/style/style.types';
import { canonicalJson } from '../canonical-json.writer';
import { ExperiencePromptInput, experienceSection } from './experience.prompt';
import { AgentPrompt, decisionHeader, fixed, PositionView, positionText, PromptContext, percent, rounded, sections, signed } from './prompt-text.format';

/** One upstream signal: its value in [-1, 1] and the agent's own summary; `available` false when it had no data. */
export interface DecisionPromptSignal {
  value: number;
  available: boolean;
  summary: string;
}

/** What the decision agent sees: the other agents' signals, the style and the position. */
export interface DecisionPromptInput extends PromptContext {
  style: Style;
  /** Why the style agent chose the style. */
  styleReason: string | null;
  position: PositionView;
  forecast: { label: ForecastLabel; pUp: number | null; pDown: number | null; pSideways: number | null; value: number };
  /** null when the news agent is switched off. */
  news: DecisionPromptSignal | null;
  /** null when the financial-report agent is switched off. */
  report: DecisionPromptSignal | null;
  /** The fusion policy the agent applies: weight per used signal (after reflection) and the threshold of its side. */
  policy: DecisionPolicy | null;
  experience: ExperiencePromptInput | null;
}

/** Weights of the signals and the score threshold that applies to the position (buy when flat, sell when long). */
export interface DecisionPolicy {
  weights: Partial<Record<'forecast' | 'news' | 'report', number>>;
  threshold: number | null;
}

/** The decision agent's answer. */
export interface DecisionAnswer {
  action: Action;
  /** In [0, 1]; absent from label-derived answers (see docs/synthesis.md). */
  confidence?: number;
  rationale: string;
}

/** Role and JSON output schema of the decision agent. */
export const DECISION_SYSTEM_PROMPT = [
  'You are the decision agent of TradingGroup, a multi-agent trading system trading one stock long only.',
  "At the session close you merge the stock-forecasting, news-sentiment and financial-report signals with the trading style into one action, filled after the decision (at the next session's open by default):",
  '"BUY" (buy with the share of the cash the style sets), "SELL" (close the whole position; nothing happens when flat) or "HOLD".',
  'A conservative style needs stronger evidence to buy and sells sooner; an aggressive style the opposite. A separate risk manager may still force an exit.',
  'When an experience summary of past labelled decisions is given, use it.',
  'Answer with one JSON object and nothing else:',
  '{"action": "BUY" | "SELL" | "HOLD", "confidence": number, "rationale": string}',
  'confidence is in [0, 1]; rationale is one or two sentences naming the signals that decided.',
].join('\n');

/** The user message of the decision agent. */
export function buildDecisionPrompt(input: DecisionPromptInput): AgentPrompt {
  const f = input.forecast;
  const state = [`Trading style: ${input.style}${input.styleReason ? ` (${input.styleReason})` : ''}`, `Position: ${positionText(input.position)}`];
  const signals = [
    'Signals, each in [-1, 1] (positive is bullish):',
    `- Forecast: ${f.label} (P(up) ${percent(f.pUp, 1)}, P(down) ${percent(f.pDown, 1)}, P(sideways) ${percent(f.pSideways, 1)}); signal ${signed(f.value)}`,
    `- News sentiment: ${signalText(input.news)}`,
    `- Financial report: ${signalText(input.report)}`,
  ];
  const ask = 'Decide the action for the next session.';
  return { system: DECISION_SYSTEM_PROMPT, user: sections(decisionHeader(input), state, signals, policyText(input), experienceSection(input.experience), ask) };
}

function policyText(input: DecisionPromptInput): string | null {
  const p = input.policy;
  if (p === null) return null;
  const weights = (['forecast', 'news', 'report'] as const)
    .filter((k) => p.weights[k] !== undefined)
    .map((k) => `${k} ${fixed(p.weights[k])}`)
    .join(', ');
  const lines = [`Policy: weights of the available signals: ${weights || 'none'}.`];
  if (p.threshold !== null && input.position.state === 'flat') lines.push(`Buy when the weighted mean signal is at least ${fixed(p.threshold)}.`);
  if (p.threshold !== null && input.position.state === 'long') lines.push(`Sell when the weighted mean signal is at most ${fixed(-p.threshold)}.`);
  return lines.join(' ');
}

/** The assistant message: the answer as canonical JSON, the confidence rounded to 4 decimals. */
export function decisionAnswerText(a: DecisionAnswer): string {
  return canonicalJson({ action: a.action, confidence: a.confidence === undefined ? undefined : rounded(a.confidence), rationale: a.rationale });
}

function signalText(s: DecisionPromptSignal | null): string {
  if (s === null) return 'switched off';
  if (!s.available) return `no data (${s.summary})`;
  return `${signed(s.value)} (${s.summary})`;
}
