import { ForecastFeatures, ForecastLabel } from '../../agents/forecast/forecast.types';
import { canonicalJson } from '../canonical-json.writer';
import { ExperiencePromptInput, experienceSection } from './experience.prompt';
import { AgentPrompt, decisionHeader, fixed, percent, PromptContext, rounded, sections, signedPercent } from './prompt-text.format';

/** The forecaster's features as a prompt shows them; a value the agent lacked is null. */
export type ForecastPromptFeatures = { [K in keyof ForecastFeatures]: ForecastFeatures[K] | null };

/** What the stock-forecasting agent sees at one session close. */
export interface ForecastPromptInput extends PromptContext {
  features: ForecastPromptFeatures;
  /** The sideways band ε (a fraction): a move within ±ε counts as sideways. */
  epsilon: number | null;
  /** The experience summary (reflection on), or null. */
  experience: ExperiencePromptInput | null;
}

/** The forecaster's answer: next-session class probabilities and a label. */
export interface ForecastAnswer {
  label: ForecastLabel;
  pUp: number;
  pDown: number;
  pSideways: number;
  rationale: string;
}

/** Role and JSON output schema of the stock-forecasting agent. */
export const FORECAST_SYSTEM_PROMPT = [
  'You are the stock-forecasting agent of TradingGroup, a multi-agent trading system.',
  "At the close of a trading day you predict the direction of the stock's next close-to-close move from technical features computed on daily bars up to and including today.",
  'Classes: "up" (the move is above +ε), "down" (below -ε), "sideways" (within ±ε); ε is given in the message.',
  'Rule: when RSI(14) is above 70 without a valid breakout (no new 20-day high and the close further below the 20-day high than the breakout threshold), answer "sideways" even if "up" is the most probable class. Call "up" only with a clear edge.',
  'When an experience summary of your past labelled forecasts is given, use it to correct systematic errors.',
  'Answer with one JSON object and nothing else:',
  '{"label": "up" | "down" | "sideways", "pDown": number, "pSideways": number, "pUp": number, "rationale": string}',
  'pUp, pDown and pSideways are probabilities in [0, 1] that sum to 1; rationale is one or two sentences.',
].join('\n');

/** The user message of the forecasting agent: the features with names and units, the band ε, the experience. */
export function buildForecastPrompt(input: ForecastPromptInput): AgentPrompt {
  const f = input.features;
  const yesNo = f.newHigh === null ? 'n/a' : f.newHigh ? 'yes' : 'no';
  const features = [
    `Technical features at today's close (daily bars up to and including ${input.date}):`,
    `- RSI(14), 0 to 100: ${fixed(f.rsi14)}`,
    `- Close vs SMA(20): ${signedPercent(f.smaDeviation)}`,
    `- Close vs the highest high of the last 20 sessions: ${signedPercent(f.distanceToHigh)}`,
    `- Close vs the lowest low of the last 20 sessions: ${signedPercent(f.distanceToLow)}`,
    `- SimplifiedATR20 (100 x population std of the last 20 daily log returns): ${fixed(f.simplifiedAtr20, 3)}`,
    `- Breakout threshold, max(1%, 0.5 x SimplifiedATR20 %): ${percent(f.breakoutThreshold)}`,
    `- New 20-day high today: ${yesNo}`,
    `- Last daily log return: ${signedPercent(f.return1)}`,
    `- Log return over the last 5 sessions: ${signedPercent(f.return5)}`,
  ];
  const band = `Sideways band: a next-session move within ±${percent(input.epsilon, 3)} counts as sideways.`;
  const ask = "Forecast the direction of the next session's close.";
  return { system: FORECAST_SYSTEM_PROMPT, user: sections(decisionHeader(input), features, band, experienceSection(input.experience), ask) };
}

/** The assistant message: the answer as canonical JSON, probabilities rounded to 4 decimals. */
export function forecastAnswerText(a: ForecastAnswer): string {
  return canonicalJson({ label: a.label, pUp: rounded(a.pUp), pDown: rounded(a.pDown), pSideways: rounded(a.pSideways), rationale: a.rationale });
}
