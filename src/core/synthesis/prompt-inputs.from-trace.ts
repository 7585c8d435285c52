// Rebuilds each agent's prompt input from what the decision trace recorded at a bar: nothing is
// recomputed but the lesson lines of the experience, which are written from its recorded counts;
// an input the trace lacks is null. Each function returns null when the agent
// has no output at the bar.
import { Action } from '../agents/decision/decision.types';
import { ExperienceSummary, lessons } from '../reflection/experience-summary';
import { ForecastLabel } from '../agents/forecast/forecast.types';
import { Style } from '../agents/style/style.types';
import {
  DecisionPromptInput,
  DecisionPromptSignal,
  ExperiencePromptInput,
  ForecastPromptFeatures,
  ForecastPromptInput,
  NewsPromptInput,
  PositionView,
  PromptContext,
  ReportPromptInput,
  StylePromptInput,
} from './prompts';
import { BarTrace, RecordedOutput } from './trace-bars.reader';

const FEATURE_KEYS: Array<keyof ForecastPromptFeatures> = [
  'rsi14',
  'smaDeviation',
  'distanceToHigh',
  'distanceToLow',
  'simplifiedAtr20',
  'breakoutThreshold',
  'newHigh',
  'return1',
  'return5',
];

/** The shared header fields of every prompt at this bar. */
export function promptContext(bar: BarTrace, symbol: string): PromptContext {
  return { symbol, date: bar.date, decidedAt: bar.decidedAt };
}

/** The forecaster's features, band and experience. */
export function forecastPromptInput(bar: BarTrace, symbol: string): ForecastPromptInput | null {
  const out = bar.outputs.forecast;
  if (!out) return null;
  const raw = (out.data.features ?? {}) as Record<string, unknown>;
  const features = {} as Record<string, number | boolean | null>;
  for (const k of FEATURE_KEYS) {
    const v = raw[k];
    features[k] = k === 'newHigh' ? (typeof v === 'boolean' ? v : null) : num(v);
  }
  return { ...promptContext(bar, symbol), features: features as ForecastPromptFeatures, epsilon: num(out.data.epsilon), experience: experienceOf(bar) };
}

/** The news items the agent kept, with their publication instants. */
export function newsPromptInput(bar: BarTrace, symbol: string): NewsPromptInput | null {
  const out = bar.outputs.news;
  if (!out) return null;
  const kept = Array.isArray(out.data.kept) ? (out.data.kept as Array<Record<string, unknown>>) : [];
  const items = kept.map((k) => ({ id: String(k.id), publishedAt: Number(k.publishedAt), headline: String(k.headline ?? '') }));
  return { ...promptContext(bar, symbol), items, seen: num(out.data.seen), duplicates: num(out.data.duplicates) };
}

/** The latest quarter's indicators, the announcements and the retrieved filing passages. */
export function reportPromptInput(bar: BarTrace, symbol: string): ReportPromptInput | null {
  const out = bar.outputs.report;
  if (!out) return null;
  const ind = (out.data.indicators ?? {}) as Record<string, unknown>;
  const releases = out.provenance
    .filter((p) => p.kind === 'earnings')
    .map((p) => ({ ref: p.ref, publishedAt: p.publishedAt }))
    .sort((a, b) => b.publishedAt - a.publishedAt || (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0));
  const filingStamps = out.provenance.filter((p) => p.kind === 'filing').map((p) => p.publishedAt);
  const passages = (Array.isArray(out.data.passages) ? (out.data.passages as Array<Record<string, unknown>>) : []).map((p) => ({
    document: String(p.document ?? ''),
    topic: typeof p.query === 'string' ? p.query : null,
    excerpt: String(p.excerpt ?? ''),
  }));
  return {
    ...promptContext(bar, symbol),
    releases,
    latestQuarter: typeof ind.latestQuarter === 'string' ? ind.latestQuarter : null,
    epsSurprise: num(ind.epsSurprise),
    epsGrowthYoY: num(ind.epsGrowthYoY),
    beatsLast4: num(ind.beatsLast4),
    missesLast4: num(ind.missesLast4),
    daysSinceRelease: num(ind.daysSinceRelease),
    filingDocument: typeof ind.filingDocument === 'string' ? ind.filingDocument : (passages[0]?.document ?? null),
    filingPublishedAt: filingStamps.length > 0 ? Math.max(...filingStamps) : null,
    passages,
  };
}

/** The account state, position and experience the style agent decided from. */
export function stylePromptInput(bar: BarTrace, symbol: string): StylePromptInput | null {
  const out = bar.outputs.style;
  if (!out) return null;
  return {
    ...promptContext(bar, symbol),
    drawdown: num(out.data.drawdown),
    recentReturn: num(out.data.recentReturn),
    volatilityRatio: num(out.data.volatilityRatio),
    position: stylePosition(out.data) ?? positionAt(bar),
    experience: experienceOf(bar),
  };
}

/** The signals, style and position the decision agent fused. */
export function decisionPromptInput(bar: BarTrace, symbol: string): DecisionPromptInput | null {
  const out = bar.outputs.decision;
  const forecast = bar.outputs.forecast;
  const style = bar.outputs.style;
  if (!out || !forecast || !style) return null;
  const contributions = (Array.isArray(out.data.contributions) ? out.data.contributions : []) as Array<{
    source: string;
    value: number;
    weight: number;
    used: boolean;
  }>;
  const forecastValue = contributions.find((c) => c.source === 'forecast')?.value;
  const weights: Record<string, number> = {};
  for (const c of contributions) if (c.used && num(c.weight) !== null && ['forecast', 'news', 'report'].includes(c.source)) weights[c.source] = c.weight;
  return {
    ...promptContext(bar, symbol),
    style: style.data.style as Style,
    styleReason: typeof style.data.reason === 'string' ? style.data.reason : null,
    position: positionAt(bar),
    forecast: {
      label: forecast.data.label as ForecastLabel,
      pUp: num(forecast.data.pUp),
      pDown: num(forecast.data.pDown),
      pSideways: num(forecast.data.pSideways),
      value: num(forecastValue) ?? 0,
    },
    news: signalOf(bar.outputs.news),
    report: signalOf(bar.outputs.report),
    policy: contributions.length === 0 ? null : { weights, threshold: num(out.data.threshold) },
    experience: experienceOf(bar),
  };
}

/** The action the decision agent took at the bar, or null. */
export function actionAt(bar: BarTrace): Action | null {
  const a = bar.outputs.decision?.data.action;
  return a === 'BUY' || a === 'SELL' || a === 'HOLD' ? a : null;
}

/**
 * The position at the decision, as the decision agent recorded it, with the unrealised return
 * from the risk manager's assessment when that was recorded.
 */
/** The position the style agent itself read (its output carries it), or null for outputs that do not. */
function stylePosition(data: Record<string, unknown>): PositionView | null {
  const position = num(data.position);
  if (position === null) return null;
  if (position <= 0) return { state: 'flat', unrealizedReturn: null };
  return { state: 'long', unrealizedReturn: num(data.unrealizedReturn) };
}

export function positionAt(bar: BarTrace): PositionView {
  const position = num(bar.outputs.decision?.data.position);
  if (position === null) return { state: 'unknown', unrealizedReturn: null };
  if (position <= 0) return { state: 'flat', unrealizedReturn: null };
  const risk = bar.outputs.risk?.data;
  return { state: 'long', unrealizedReturn: risk ? num(risk.unrealized) : null };
}

/**
 * The experience summary recorded by the reflection step at the bar, or null, with the lessons
 * its counts teach ({@link lessons}, the same lines the reflection's rationale shows).
 */
export function experienceOf(bar: BarTrace): ExperiencePromptInput | null {
  const summary = (bar.outputs.reflection?.data.summary ?? null) as Partial<ExperienceSummary> | null;
  if (summary === null) return null;
  const part = <T>(v: T | null | undefined): T | null => (v !== null && typeof v === 'object' ? v : null);
  const { worked, failed } = lessons(part(summary.forecast), part(summary.decision), part(summary.style));
  return { recentCases: num(summary.recentCases) ?? 0, similarCases: num(summary.similarCases) ?? 0, worked, failed };
}

function signalOf(out: RecordedOutput | undefined): DecisionPromptSignal | null {
  if (!out) return null;
  return { value: num(out.data.score) ?? 0, available: !out.flags.includes('no_data'), summary: out.rationale };
}

function num(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}
