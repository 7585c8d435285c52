import { z } from 'zod';
import { LlmParams } from '../../agents/llm/llm.params';
import { DecisionParams } from '../../agents/decision/decision.params';
import { ForecastParams } from '../../agents/forecast/forecast.params';
import { NewsAgentParams } from '../../agents/news/news-sentiment.agent';
import { ReportAgentParams } from '../../agents/report/financial-report.agent';
import { StyleParams } from '../../agents/style/style.params';
import { ReflectionParams } from '../../reflection/reflection.params';
import { RiskParams, SizingParams } from '../../risk/risk.params';

/** Module switches: each can be turned off for ablation. */
export const ModuleSwitches = z
  .object({
    news: z.boolean().default(true),
    report: z.boolean().default(true),
    reflection: z.boolean().default(true),
    risk: z.boolean().default(true),
    positionControl: z.boolean().default(true),
  })
  .strict();
export type ModuleSwitches = z.infer<typeof ModuleSwitches>;

/** Every tunable of the TradingGroup strategy, with its default (strategies/tradinggroup.json). */
export const TradingGroupParams = z
  .object({
    modules: ModuleSwitches.default({}),
    /** When the decision is taken: the session close in the exchange's time zone. */
    calendar: z
      .object({ timeZone: z.string().default('America/New_York'), closeTime: z.string().regex(/^\d{2}:\d{2}$/).default('16:00') })
      .strict()
      .default({}),
    news: NewsAgentParams.default({}),
    report: ReportAgentParams.default({}),
    forecast: ForecastParams.default({}),
    style: StyleParams.default({}),
    decision: DecisionParams.default({}),
    risk: RiskParams.default({}),
    sizing: SizingParams.default({}),
    reflection: ReflectionParams.default({}),
    /** The llm mode: models, sampling and what each agent asks (ignored by analytic runs). */
    llm: LlmParams.default({}),
  })
  .strict();
export type TradingGroupParams = z.infer<typeof TradingGroupParams>;
