import { AgentOutput, Provenance } from '../agent';
import { Anonymizer } from '../llm/anonymizer';
import { Lessons, lessonsSection } from '../llm/lessons';
import { answerSchema, fallbackOutput, modelOutput, numberIn, textOf } from '../llm/llm-output';
import { askStructured } from '../llm/structured-call';
import { PromptTemplate, renderPrompt } from '../llm/prompt-template';
import { ChatCall, ChatModel } from '../../ports/chat-model.port';
import { fixed, percent, signedPercent } from '../../synthesis/prompts/prompt-text.format';
import { gatedLabel } from './forecasting.agent';
import { ForecastParams } from './forecast.params';
import { Forecast } from './forecast.types';

/** The forecaster's answer schema: class probabilities and a short rationale. */
export const FORECAST_ANSWER = answerSchema('forecast', {
  pUp: { type: 'number', description: 'probability in [0, 1] that the next close is above +ε' },
  pDown: { type: 'number', description: 'probability in [0, 1] that the next close is below -ε' },
  pSideways: { type: 'number', description: 'probability in [0, 1] that the move stays within ±ε' },
  rationale: { type: 'string', description: 'one or two sentences' },
});

interface ForecastAnswer {
  pUp: number;
  pDown: number;
  pSideways: number;
  rationale: string;
}

/**
 * The stock-forecasting agent on a language model: the same features, band and rule gate as the
 * analytic forecaster, with the model giving the class probabilities. The analytic forecaster
 * still runs every bar (it supplies the features and is the fallback).
 */
export class LlmForecastingAgent {
  constructor(
    private readonly chat: ChatModel,
    private readonly template: PromptTemplate,
    private readonly anonymizer: Anonymizer,
    private readonly settings: Pick<ChatCall, 'model' | 'temperature' | 'maxTokens'>,
    private readonly params: ForecastParams,
  ) {}

  async run(symbol: string, decidedAt: number, analytic: AgentOutput<Forecast>, lessons: Lessons | null, reflecting: boolean): Promise<AgentOutput<Forecast>> {
    // Without its features (warm-up) the forecaster has nothing to show a model.
    if (analytic.flags.includes('warmup') && !Number.isFinite(analytic.data.features.rsi14)) return analytic;
    const a = this.anonymizer;
    const f = analytic.data.features;
    const messages = renderPrompt(this.template, {
      symbol: a.symbol(symbol),
      date: a.day(decidedAt),
      decidedAt: a.minute(decidedAt),
      rsi14: fixed(f.rsi14),
      smaDeviation: signedPercent(f.smaDeviation),
      distanceToHigh: signedPercent(f.distanceToHigh),
      distanceToLow: signedPercent(f.distanceToLow),
      simplifiedAtr20: fixed(f.simplifiedAtr20, 3),
      breakoutThreshold: percent(f.breakoutThreshold),
      newHigh: f.newHigh ? 'yes' : 'no',
      return1: signedPercent(f.return1),
      return5: signedPercent(f.return5),
      epsilon: percent(analytic.data.epsilon, 3),
      experience: lessonsSection(lessons, reflecting),
    });
    const shows = [...analytic.provenance.map((p) => p.publishedAt), ...(lessons ? [lessons.knownBy] : [])];
    const answer = await askStructured(this.chat, { agent: 'forecast', decidedAt, shows, messages, schema: FORECAST_ANSWER, ...this.settings }, readForecast);
    if (!answer.ok) return fallbackOutput(analytic, answer.reason);
    const { pUp, pDown, pSideways, rationale } = answer.value;
    const { label, gate } = gatedLabel(pUp, pDown, pSideways, f, this.params);
    const data: Forecast = { ...analytic.data, pUp, pDown, pSideways, label, gate, trainedOn: 0, modelWeight: 1 };
    const provenance: Provenance[] = lessons ? [...analytic.provenance, { kind: 'memory', ref: `${lessons.cases} cases`, publishedAt: lessons.knownBy }] : analytic.provenance;
    return modelOutput('forecast', data, a.reveal(rationale, symbol), provenance);
  }
}

/** Probabilities in [0, 1] summing to 1 (within 0.02, then scaled to exactly 1). */
function readForecast(value: unknown): ForecastAnswer {
  const v = value as Record<string, unknown>;
  const pUp = numberIn(v.pUp, 'pUp', 0, 1);
  const pDown = numberIn(v.pDown, 'pDown', 0, 1);
  const pSideways = numberIn(v.pSideways, 'pSideways', 0, 1);
  const sum = pUp + pDown + pSideways;
  if (Math.abs(sum - 1) > 0.02) throw new Error(`pUp + pDown + pSideways must be 1, got ${sum.toFixed(4)}`);
  return { pUp: pUp / sum, pDown: pDown / sum, pSideways: pSideways / sum, rationale: textOf(v.rationale, 'rationale') };
}
