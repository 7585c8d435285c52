import { AgentOutput, explained } from '../../agents/agent';
import { DecisionAgent } from '../../agents/decision/decision.agent';
import { Decision, DecisionInput } from '../../agents/decision/decision.types';
import { ForecastInput, ForecastingAgent } from '../../agents/forecast/forecasting.agent';
import { NewsSentimentAgent } from '../../agents/news/news-sentiment.agent';
import { FinancialReportAgent } from '../../agents/report/financial-report.agent';
import { FinancialReport, ReportInput } from '../../agents/report/financial-report.types';
import { ReportColumns } from '../../agents/report/report.columns';
import { StyleAgent } from '../../agents/style/style.agent';
import { StyleChoice, StyleInput } from '../../agents/style/style.types';
import { Forecast } from '../../agents/forecast/forecast.types';
import { NewsSentiment } from '../../agents/news/news-sentiment.types';
import { ReflectionAdjustments } from '../../reflection/reflection-adjustments';
import { LlmPipeline } from './llm-pipeline';
import { CommissionModel } from '../../engine/commission';
import { sharesForCash } from '../../engine/sizing';
import { rollingStdPop } from '../../indicators';
import { BarSeries } from '../../market/bar-series';
import { seriesMemo } from '../../market/series-memo';
import { sessionCloses } from '../../market/session-clock';
import { DynamicRisk, explainRisk, RiskAssessment } from '../../risk/dynamic-risk';
import { RiskColumns } from '../../risk/risk.columns';
import { adjustmentsFromSlots, NO_ADJUSTMENTS } from '../../reflection/reflection-adjustments';
import { ReflectionColumns } from '../../reflection/reflection.columns';
import { explainReflection, ReflectionOutput, TalliedReflection } from '../../reflection/reflection-output';
import { SUMMARY, summarySlots } from '../../reflection/summary-numbers';
import { TraceColumns } from '../../engine/trace-columns';
import { DecisionColumns } from '../../agents/decision/decision.columns';
import { ForecastColumns } from '../../agents/forecast/forecast.columns';
import { StyleColumns } from '../../agents/style/style.columns';
import { MemoryCase } from '../../reflection/memory-case';
import { ReflectionQuality } from '../../metrics/reflection-quality.metric';
import { ForecastQuality, ForecastScorecard } from '../../metrics/forecast-quality.metric';
import { Reflector } from '../../reflection/reflector';
import { FEATURE_COUNT } from '../../agents/forecast/forecast-features';
import { Strategy, StrategyContext, StrategySetup } from '../strategy';
import { AccountTracker } from './account-tracker';
import { InputCoverage } from './input-coverage';
import { NewsBySession } from './news-by-session';
import { PointInTimeInputs } from './point-in-time-inputs';
import { TradingGroupParams } from './tradinggroup.params';

/**
 * The TradingGroup pipeline as a strategy. At each session close: news sentiment and the
 * financial report read what was public by then, the forecaster predicts tomorrow, the style
 * agent sets the posture, the decision agent fuses the signals, and the dynamic risk manager
 * may force an exit. Every output is recorded in the run's decision trace.
 */
export class TradingGroupStrategy implements Strategy {
  readonly name = 'tradinggroup';
  readonly minPeriod = 1;
  private closes!: Float64Array;
  private inputs!: PointInTimeInputs;
  private news: NewsBySession | null = null;
  private report: FinancialReportAgent | null = null;
  private forecast!: ForecastingAgent;
  private readonly style: StyleAgent;
  private readonly decision: DecisionAgent;
  private readonly risk: DynamicRisk;
  private account!: AccountTracker;
  private sigma!: Float64Array;
  private volShort!: Float64Array;
  private volLong!: Float64Array;
  private commission!: CommissionModel;
  private symbol = '';
  private aliases: readonly string[] = [];
  private reflector!: Reflector;
  /** The forecasts used so far, scored as their outcomes become known: their skill weighs the forecast in the decision. */
  private scorecard!: ForecastScorecard;
  /** How much of the window the news and fundamentals cover. */
  private coverage!: InputCoverage;
  /** The agents that ask a language model (llm-mode runs only). */
  private llm: LlmPipeline | null = null;
  private readonly vector = new Float64Array(FEATURE_COUNT);
  // The agents' inputs, one object each, filled in afresh at every bar: agents copy what they
  // keep (see {@link Agent}), and a run would otherwise make a dozen objects a bar just to hand
  // numbers over.
  private readonly forecastInput: ForecastInput = { t: 0, time: 0, bias: undefined };
  private readonly reportInput: ReportInput = { symbol: '', time: 0, earnings: [], filing: [] };
  private readonly styleInput: StyleInput = { time: 0, drawdown: 0, recentReturn: 0, volatilityRatio: null, position: 0, unrealizedReturn: 0, tilt: undefined };
  private readonly newsSignal = { value: 0, available: false };
  private readonly reportSignal = { value: 0, available: false };
  private readonly decisionInput: DecisionInput = {
    time: 0,
    style: 'balanced',
    position: 0,
    news: null,
    report: null,
    forecast: { value: 0, label: 'sideways', skill: 0 },
    weightAdjustments: undefined,
  };

  constructor(private readonly params: TradingGroupParams) {
    this.style = new StyleAgent(params.style);
    this.decision = new DecisionAgent(params.decision);
    this.risk = new DynamicRisk(params.risk);
  }

  init(bars: BarSeries, setup: StrategySetup): void {
    const p = this.params;
    this.symbol = bars.symbol;
    this.aliases = setup.inputs.aliases;
    this.commission = setup.commission;
    const memo = seriesMemo(bars);
    this.closes = memo.get(`session closes ${JSON.stringify(p.calendar)}`, () => sessionCloses(bars.time, p.calendar));
    this.inputs = new PointInTimeInputs(setup.inputs, this.closes);
    this.news = p.modules.news ? new NewsBySession(new NewsSentimentAgent(p.news), this.inputs, this.symbol, this.aliases) : null;

    this.report = p.modules.report ? new FinancialReportAgent(p.report) : null;
    this.forecast = new ForecastingAgent(bars, p.forecast);
    this.forecast.warmUp(setup.startBar);
    const volatility = (window: number) => memo.get(`return deviation ${window}`, () => rollingStdPop(simpleReturns(bars.close), window));
    this.sigma = volatility(p.risk.sigmaWindow);
    this.volShort = volatility(p.style.shortVolatilityWindow);
    this.volLong = volatility(p.style.longVolatilityWindow);
    this.account = new AccountTracker(p.style.recentWindow);
    this.scorecard = new ForecastScorecard(p.forecast.calibration.halfLife, p.forecast.calibration.minSamples);
    this.coverage = new InputCoverage(setup.inputs, p.report.staleDays, p.modules.news, p.modules.report);
    this.reflector = new Reflector(
      bars,
      this.closes,
      this.forecast.features.meanAbsReturn20,
      p.reflection,
      { commission: setup.commission, fillAt: setup.fillAt, slippageBps: setup.slippageBps },
      FEATURE_COUNT,
      setup.inputs.memory,
      setup.startBar,
    );
    this.llm = setup.llm ? new LlmPipeline(setup.llm, p, this.symbol, this.closes, this.inputs, this.news, this.report) : null;
  }

  /** Columns for the analytic agents' outputs; a model's outputs (llm mode) are kept whole. */
  traceColumns(bars: number): Record<string, TraceColumns> {
    const analytic = (agent: 'report' | 'forecast' | 'style' | 'decision' | 'reflection') => !this.llm?.asks(agent);
    return {
      ...(this.report && analytic('report') && { report: new ReportColumns(this.report, bars) }),
      ...(analytic('forecast') && { forecast: new ForecastColumns(bars) }),
      ...(analytic('style') && { style: new StyleColumns(bars) }),
      ...(analytic('decision') && { decision: new DecisionColumns(bars) }),
      risk: new RiskColumns(bars),
      ...(analytic('reflection') && { reflection: new ReflectionColumns(bars) }),
    };
  }

  memoryCases(): MemoryCase[] {
    return this.reflector.producedCases();
  }

  reflectionQuality(splitTime: number): ReflectionQuality | null {
    return this.reflector.quality(splitTime);
  }

  forecastQuality(): ForecastQuality {
    return this.scorecard.quality();
  }

  notes(): string[] {
    const notes = this.coverage.notes();
    const rejected = this.reflector.memory.rejected;
    if (rejected.length === 0) return notes;
    const reasons = [...new Set(rejected.map((r) => r.reason))].join('; ');
    return [...notes, `${rejected.length} memory cases failed validation and were never retrieved (${reasons})`];
  }

  onBar(ctx: StrategyContext): void {
    const t = ctx.t;
    const time = this.closes[t];
    const reflection = this.beginBar(ctx, t, time);
    const adj = reflection?.data.adjustments ?? NO_ADJUSTMENTS;
    const news = this.news?.output(t, time) ?? null;
    const report = this.report ? this.report.run(this.fillReportInput(time)) : null;
    const forecast = this.forecast.run(this.fillForecastInput(t, time, adj));
    const style = this.style.run(this.fillStyleInput(ctx, time, adj));
    const decision = this.decision.run(this.fillDecisionInput(ctx, time, style, news, report, forecast, adj));
    this.endBar(ctx, reflection, news, report, forecast, style, decision);
  }

  /**
   * The same decision with the agents of an llm-mode run: the reflection first (its lessons go
   * into the next prompts), then the forecast and the style at once (the news and report of the
   * session were asked for ahead), then the decision. Agents left analytic answer at once; the
   * analytic agents always run too, as the fallback of each model agent.
   */
  async onBarAsync(ctx: StrategyContext): Promise<void> {
    const llm = this.llm;
    if (!llm) return this.onBar(ctx);
    const t = ctx.t;
    const time = this.closes[t];
    const analyticReflection = this.beginBar(ctx, t, time);
    const adj = analyticReflection?.data.adjustments ?? NO_ADJUSTMENTS;
    const newsAhead = llm.newsAt(t);
    const reportAhead = llm.reportAt(t);
    const reflection = await llm.reflect(t, time, analyticReflection, this.reflector, this.vector, this.forecast.features.ready(t));
    const forecastAnalytic = this.forecast.run(this.fillForecastInput(t, time, adj));
    const styleAnalytic = this.style.run(this.fillStyleInput(ctx, time, adj));
    const unrealizedReturn = unrealizedReturnOf(ctx);
    const position = { shares: ctx.position, unrealizedReturn, cashShare: ctx.equity > 0 ? ctx.cash / ctx.equity : 0 };
    const [forecast, style, news, report] = await Promise.all([
      llm.forecastAt(t, time, forecastAnalytic),
      llm.styleAt(time, styleAnalytic, position),
      newsAhead,
      reportAhead,
    ]);
    const decisionAnalytic = this.decision.run(this.fillDecisionInput(ctx, time, style, news, report, forecast, adj));
    const buyFraction = this.params.modules.positionControl ? this.params.sizing[style.data.style] : this.params.sizing.fixed;
    const view = { symbol: this.symbol, decidedAt: time, style, forecast, news, report, position: ctx.position, unrealizedReturn, buyFraction };
    const decision = await llm.decide(view, decisionAnalytic);
    this.endBar(ctx, reflection, news, report, forecast, style, decision);
  }

  dispose(): void {
    this.llm?.dispose();
  }

  /** The start of every decision: the account, labels now due, the bar's features and the analytic reflection. */
  private beginBar(ctx: StrategyContext, t: number, time: number): AgentOutput<ReflectionOutput> | null {
    this.account.update(ctx);
    this.scorecard.settle(t, ctx.bars.close);
    this.reflector.labelDue(t);
    const ready = this.forecast.features.ready(t);
    if (ready) this.forecast.features.vector(this.forecast.features.at(t), this.vector);
    return this.params.modules.reflection && ready ? this.reflect(t, time) : null;
  }

  private fillReportInput(time: number): ReportInput {
    const input = this.reportInput;
    input.symbol = this.symbol;
    input.time = time;
    input.earnings = this.inputs.earningsAt(time);
    input.filing = this.inputs.filingAt(time);
    return input;
  }

  private fillForecastInput(t: number, time: number, adj: ReflectionAdjustments): ForecastInput {
    const input = this.forecastInput;
    input.t = t;
    input.time = time;
    input.bias = adj.forecastBias;
    return input;
  }

  private fillStyleInput(ctx: StrategyContext, time: number, adj: ReflectionAdjustments): StyleInput {
    const t = ctx.t;
    const ratio = this.volShort[t] / this.volLong[t];
    const input = this.styleInput;
    input.time = time;
    input.drawdown = this.account.drawdown;
    input.recentReturn = this.account.recentReturn;
    input.volatilityRatio = Number.isFinite(ratio) ? ratio : null;
    input.position = ctx.position;
    input.unrealizedReturn = unrealizedReturnOf(ctx);
    input.tilt = adj.styleTilt;
    return input;
  }

  private fillDecisionInput(
    ctx: StrategyContext,
    time: number,
    style: AgentOutput<StyleChoice>,
    news: AgentOutput<NewsSentiment> | null,
    report: AgentOutput<FinancialReport> | null,
    forecast: AgentOutput<Forecast>,
    adj: ReflectionAdjustments,
  ): DecisionInput {
    const input = this.decisionInput;
    input.time = time;
    input.style = style.data.style;
    input.position = ctx.position;
    input.news = news && signal(this.newsSignal, news.data.score, hasData(news));
    input.report = report && signal(this.reportSignal, report.data.score, hasData(report));
    input.forecast.value = forecastSignal(forecast.data);
    input.forecast.label = forecast.data.label;
    input.forecast.skill = this.scorecard.skill;
    input.weightAdjustments = adj.decisionWeights;
    return input;
  }

  /** The end of every decision: the risk check, the trace, the step to label later, the orders. */
  private endBar(
    ctx: StrategyContext,
    reflection: AgentOutput<ReflectionOutput> | null,
    news: AgentOutput<NewsSentiment> | null,
    report: AgentOutput<FinancialReport> | null,
    forecast: AgentOutput<Forecast>,
    style: AgentOutput<StyleChoice>,
    decision: AgentOutput<Decision>,
  ): void {
    const t = ctx.t;
    const time = this.closes[t];
    const p = this.params;
    const risk = p.modules.risk ? this.assessRisk(ctx, style.data.style, time) : null;
    if (reflection) ctx.record('reflection', reflection);
    if (news) ctx.record('news', news);
    if (report) ctx.record('report', report);
    const releaseAge = report && hasData(report) ? (report.data.indicators?.daysSinceRelease ?? null) : null;
    this.coverage.count(time, news !== null && hasData(news), releaseAge);
    ctx.record('forecast', forecast);
    this.scorecard.record(t, forecast.data);
    ctx.record('style', style);
    ctx.record('decision', decision);
    if (risk) ctx.record('risk', risk);
    const buyFraction = p.modules.positionControl ? p.sizing[style.data.style] : p.sizing.fixed;
    if (this.forecast.features.ready(t)) {
      const step = this.reflector.nextStep();
      step.t = t;
      step.decidedAt = time;
      copyInto(step.features, this.vector);
      step.forecast = forecast;
      step.style = style;
      step.decision = decision;
      // The signals the decision fused (null: no data), as the memory case keeps them.
      step.signals.news = news && hasData(news) ? news.data.score : null;
      step.signals.report = report && hasData(report) ? report.data.score : null;
      step.signals.forecast = forecastSignal(forecast.data);
      step.cash = ctx.cash;
      step.position = ctx.position;
      step.buyFraction = buyFraction;
      const inputs = step.provenance;
      inputs.length = 3;
      inputs[0] = forecast.provenance;
      inputs[1] = news?.provenance ?? NONE;
      inputs[2] = report?.provenance ?? NONE;
      this.reflector.track(step);
    }
    this.act(ctx, decision, risk?.data ?? null, style.data.style, ctx.bars.close[t], buyFraction);
  }

  /** The experience summary for the decision at t and what it changes in the agents. */
  private reflect(t: number, time: number): AgentOutput<ReflectionOutput> {
    const p = this.params;
    // The summary as numbers: the trace's columns copy them, and its objects are built only if read.
    const numbers = summarySlots();
    this.reflector.summarizeInto(t, this.vector, numbers);
    const adjustments = adjustmentsFromSlots(numbers, p.decision.weights, p.reflection.strength, p.reflection.minCases);
    const cases = numbers[SUMMARY + 1] + numbers[SUMMARY + 2];
    return explained('reflection', new TalliedReflection(numbers, adjustments), explainReflection, [{ kind: 'memory', ref: casesRef(cases), publishedAt: time }]);
  }

  private assessRisk(ctx: StrategyContext, style: 'aggressive' | 'balanced' | 'conservative', time: number): AgentOutput<RiskAssessment> {
    const close = ctx.bars.close[ctx.t];
    const a = this.risk.assess(style, this.sigma[ctx.t], ctx.position, ctx.avgPrice, close);
    return explained('risk', a, explainRisk, [{ kind: 'account', ref: 'position', publishedAt: time }]);
  }

  private act(ctx: StrategyContext, decision: AgentOutput<Decision>, risk: RiskAssessment | null, style: 'aggressive' | 'balanced' | 'conservative', close: number, fraction: number): void {
    const p = this.params;
    if (risk?.forced && ctx.position > 0) {
      ctx.submit({ side: 'sell', qty: ctx.position, reason: risk.forced, tag: `risk: ${risk.forced} overrides ${decision.data.action}` });
      return;
    }
    const intrabar = p.modules.risk && p.risk.check === 'intrabar';
    if (intrabar && risk && ctx.position > 0 && p.risk.thresholds === 'trailing') {
      ctx.setExits(risk.reference * (1 - risk.stopLoss), ctx.avgPrice * (1 + risk.takeProfit));
    }
    const action = decision.data.action;
    if (action === 'BUY') {
      const qty = sharesForCash(ctx.cash, close, fraction, this.commission);
      if (qty === 0) return;
      // One position, one stop and one take-profit, set from what is known now: the engine's
      // orders (intrabar) and the close check both use this decision's style and σ.
      if (risk && ctx.position === 0) this.risk.arm(risk.stopLoss, risk.takeProfit);
      const exits = intrabar && risk ? { stopLoss: risk.stopLoss, takeProfit: risk.takeProfit } : {};
      ctx.submit({ side: 'buy', qty, tag: `decision BUY (${style}, ${pct(fraction)} of cash)`, ...exits });
    } else if (action === 'SELL' && ctx.position > 0) {
      ctx.submit({ side: 'sell', qty: ctx.position, tag: 'decision SELL' });
    }
  }
}

const NONE: never[] = Object.freeze([]) as never[];

/** "n cases", written once per count: the trace keeps one per bar, and the counts are few. */
const CASES_REFS: string[] = [];
function casesRef(n: number): string {
  return n < 1024 ? (CASES_REFS[n] ??= `${n} cases`) : `${n} cases`;
}

/** The forecast as a decision signal: P(up) − P(down), 0 for a sideways call. */
function forecastSignal(f: Forecast): number {
  return f.label === 'sideways' ? 0 : f.pUp - f.pDown;
}

/** A decision's input signal, written into the object kept for it. */
function signal(into: { value: number; available: boolean }, value: number, available: boolean): { value: number; available: boolean } {
  into.value = value;
  into.available = available;
  return into;
}

/** Whether an output has data (no `no_data` flag); a loop, as `includes` on frozen flag lists is slow per bar. */
function hasData(output: AgentOutput<unknown>): boolean {
  const flags = output.flags;
  for (let i = 0; i < flags.length; i++) if (flags[i] === 'no_data') return false;
  return true;
}

/** The open position's return at the close against its average entry price (0 when flat): what the style agent reads. */
function unrealizedReturnOf(ctx: StrategyContext): number {
  return ctx.position !== 0 ? ctx.bars.close[ctx.t] / ctx.avgPrice - 1 : 0;
}

/** close[t] / close[t − 1] − 1 at each bar (NaN at the first). */
function simpleReturns(close: Float64Array): Float64Array {
  const returns = new Float64Array(close.length).fill(NaN);
  for (let t = 1; t < close.length; t++) returns[t] = close[t] / close[t - 1] - 1;
  return returns;
}

/** Copies a short typed array into a plain list (`Array.from` goes through the iterator protocol: far slower per bar). */
function copyInto(out: number[], v: Float64Array): void {
  out.length = v.length;
  for (let j = 0; j < v.length; j++) out[j] = v[j];
}

function pct(x: number): string {
  return `${(x * 100).toFixed(2)}%`;
}
