import { AgentOutput } from '../../agents/agent';
import { Decision } from '../../agents/decision/decision.types';
import { DecisionView, LlmDecisionAgent } from '../../agents/decision/decision.llm';
import { Forecast } from '../../agents/forecast/forecast.types';
import { LlmForecastingAgent } from '../../agents/forecast/forecasting.llm';
import { Lessons } from '../../agents/llm/lessons';
import { callSettings, LlmRuntime, usesModel } from '../../agents/llm/llm-runtime';
import { LlmNewsAgent } from '../../agents/news/news-sentiment.llm';
import { NewsSentiment } from '../../agents/news/news-sentiment.types';
import { FinancialReportAgent } from '../../agents/report/financial-report.agent';
import { LlmReportAgent } from '../../agents/report/financial-report.llm';
import { FinancialReport } from '../../agents/report/financial-report.types';
import { StylePosition, LlmStyleAgent } from '../../agents/style/style.llm';
import { StyleChoice } from '../../agents/style/style.types';
import { LlmAgentName } from '../../ports/chat-model.port';
import { AgentLessons, LlmReflectionOutput, LlmReflector } from '../../reflection/reflection.llm';
import { ReflectionOutput } from '../../reflection/reflection-output';
import { Reflector } from '../../reflection/reflector';
import { NewsBySession } from './news-by-session';
import { PointInTimeInputs } from './point-in-time-inputs';
import { TradingGroupParams } from './tradinggroup.params';

/**
 * The TradingGroup agents of an llm-mode run: each agent that asks the model (per the strategy
 * file's `llm.agents`) and what runs around the calls. The news and report agents read only
 * data public at their session's close, so their questions for the next `lookahead` sessions
 * are asked early, while the current session's agents wait on the model; answers are used only
 * at their own session. Every other question depends on the session before it.
 */
export class LlmPipeline {
  private readonly newsAgent: LlmNewsAgent | null;
  private readonly reportAgent: LlmReportAgent | null;
  private readonly forecastAgent: LlmForecastingAgent | null;
  private readonly styleAgent: LlmStyleAgent | null;
  private readonly decisionAgent: LlmDecisionAgent | null;
  private readonly reflector: LlmReflector | null;
  private readonly newsAhead = new Map<number, Promise<AgentOutput<NewsSentiment>>>();
  private readonly reportAhead = new Map<number, Promise<AgentOutput<FinancialReport>>>();
  /** The last session whose news and report were asked for. */
  private askedUpTo = -1;
  private lessons: AgentLessons | null = null;
  private lastReflection = -Infinity;

  constructor(
    private readonly runtime: LlmRuntime,
    private readonly params: TradingGroupParams,
    private readonly symbol: string,
    private readonly closes: Float64Array,
    private readonly inputs: PointInTimeInputs,
    private readonly news: NewsBySession | null,
    private readonly report: FinancialReportAgent | null,
  ) {
    const p = params.llm;
    const { chat, templates, anonymizer } = runtime;
    const on = (agent: LlmAgentName) => usesModel(p, agent);
    const s = (agent: LlmAgentName) => callSettings(p, agent);
    this.newsAgent = news && on('news') ? new LlmNewsAgent(chat, templates.news, anonymizer, s('news'), { items: p.newsItems, chars: p.newsChars }) : null;
    this.reportAgent = report && on('report') ? new LlmReportAgent(chat, templates.report, anonymizer, s('report'), p.passageChars) : null;
    this.forecastAgent = on('forecast') ? new LlmForecastingAgent(chat, templates.forecast, anonymizer, s('forecast'), params.forecast) : null;
    this.styleAgent = on('style') ? new LlmStyleAgent(chat, templates.style, anonymizer, s('style')) : null;
    this.decisionAgent = on('decision') ? new LlmDecisionAgent(chat, templates.decision, anonymizer, s('decision')) : null;
    this.reflector = params.modules.reflection && on('reflection') ? new LlmReflector(chat, templates.reflection, anonymizer, s('reflection')) : null;
  }

  /** Whether the agent's output comes from the model in this run (its trace entries are then kept whole). */
  asks(agent: LlmAgentName): boolean {
    switch (agent) {
      case 'news':
        return this.newsAgent !== null;
      case 'report':
        return this.reportAgent !== null;
      case 'forecast':
        return this.forecastAgent !== null;
      case 'style':
        return this.styleAgent !== null;
      case 'decision':
        return this.decisionAgent !== null;
      case 'reflection':
        return this.reflector !== null;
    }
  }

  /**
   * Reflection for the decision at bar t: the model's lessons (refreshed every
   * `llm.reflection.every` sessions once enough cases are labelled), or the analytic summary's
   * lessons when the reflection agent is analytic. Returns the output the trace records.
   */
  async reflect(t: number, time: number, analytic: AgentOutput<ReflectionOutput> | null, memory: Reflector, features: Float64Array, ready: boolean): Promise<AgentOutput<ReflectionOutput | LlmReflectionOutput> | null> {
    if (analytic === null) return null;
    if (this.reflector === null) {
      this.lessons = analyticLessons(analytic);
      return analytic;
    }
    const settings = this.params.llm.reflection;
    if (!ready || t - this.lastReflection < settings.every) return analytic;
    const cases = memory.casesFor(t, features, settings.similarCases);
    if (cases.recent.length + cases.similar.length < settings.minCases) return analytic;
    this.lastReflection = t;
    const { output, lessons } = await this.reflector.run(this.symbol, time, analytic, cases);
    // A reflection the model could not write leaves the agents with the analytic summary's lessons.
    this.lessons = lessons ?? analyticLessons(analytic);
    return output;
  }

  /** The lessons an agent's prompt shows now (null before any). */
  lessonsFor(agent: 'forecast' | 'style' | 'decision'): Lessons | null {
    return this.lessons?.[agent] ?? null;
  }

  /** Session t's news output; asks for the next sessions' too. */
  newsAt(t: number): Promise<AgentOutput<NewsSentiment>> | null {
    if (!this.news) return null;
    this.askAhead(t);
    return this.newsAhead.get(t)!;
  }

  /** Session t's report output (the report agent on); asked for ahead like the news. */
  reportAt(t: number): Promise<AgentOutput<FinancialReport>> | null {
    if (!this.report) return null;
    this.askAhead(t);
    return this.reportAhead.get(t)!;
  }

  forecastAt(t: number, time: number, analytic: AgentOutput<Forecast>): Promise<AgentOutput<Forecast>> {
    if (!this.forecastAgent) return Promise.resolve(analytic);
    return this.forecastAgent.run(this.symbol, time, analytic, this.lessonsFor('forecast'), this.reflecting);
  }

  styleAt(time: number, analytic: AgentOutput<StyleChoice>, position: StylePosition): Promise<AgentOutput<StyleChoice>> {
    if (!this.styleAgent) return Promise.resolve(analytic);
    return this.styleAgent.run(this.symbol, time, analytic, position, this.lessonsFor('style'), this.reflecting);
  }

  decide(view: DecisionView, analytic: AgentOutput<Decision>): Promise<AgentOutput<Decision>> {
    if (!this.decisionAgent) return Promise.resolve(analytic);
    return this.decisionAgent.run(view, analytic, this.lessonsFor('decision'), this.reflecting);
  }

  /** Forgets answers asked ahead (the run ended): nothing waits on them any more. */
  dispose(): void {
    this.newsAhead.clear();
    this.reportAhead.clear();
  }

  private get reflecting(): boolean {
    return this.params.modules.reflection;
  }

  /**
   * Asks for the news and report of sessions up to t + lookahead, in session order (the report
   * agent learns what it has analysed in order). Each answer is used at its own session only.
   */
  private askAhead(t: number): void {
    const last = Math.min(this.closes.length - 1, t + this.params.llm.lookahead);
    for (let s = Math.max(t, this.askedUpTo + 1); s <= last; s++) {
      const time = this.closes[s];
      if (this.news) this.newsAhead.set(s, settled(this.newsOf(s, time)));
      if (this.report) this.reportAhead.set(s, settled(this.reportOf(time)));
      this.askedUpTo = s;
    }
    this.newsAhead.delete(t - 1);
    this.reportAhead.delete(t - 1);
  }

  private newsOf(s: number, time: number): Promise<AgentOutput<NewsSentiment>> {
    const analytic = this.news!.output(s, time);
    if (!this.newsAgent) return Promise.resolve(analytic);
    return this.newsAgent.run(this.symbol, time, analytic, this.inputs.newsAt(s));
  }

  private reportOf(time: number): Promise<AgentOutput<FinancialReport>> {
    // A fresh input per session: the call may still read it after later sessions are asked for.
    const input = { symbol: this.symbol, time, earnings: this.inputs.earningsAt(time), filing: this.inputs.filingAt(time) };
    const analytic = this.report!.run(input);
    if (!this.reportAgent) return Promise.resolve(analytic);
    return this.reportAgent.run(input, analytic);
  }
}

/** The lessons of the analytic experience summary, for model agents when the reflection agent is analytic. */
function analyticLessons(output: AgentOutput<ReflectionOutput>): AgentLessons | null {
  const s = output.data.summary;
  const cases = s.recentCases + s.similarCases;
  if (cases === 0) return null;
  const knownBy = output.provenance[0]?.publishedAt ?? s.asOf;
  const lesson: Lessons = { text: output.rationale, cases, knownBy };
  return { forecast: lesson, style: lesson, decision: lesson };
}

/** The promise, with its rejection marked as handled until the run awaits it (it may never, if the run stops first). */
function settled<T>(p: Promise<T>): Promise<T> {
  p.catch(() => undefined);
  return p;
}
