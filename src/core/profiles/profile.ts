import { EngineConfig } from '../engine/engine-config';
import { EvaluationWindow } from '../engine/engine';
import { BarSeries } from '../market/bar-series';

export type ProfileName = 'default' | 'finsaber';
export type AdjustPolicy = 'none' | 'splits' | 'total' | 'auto';

/**
 * A named set of data-preparation, fill, cash and metric policies. The engine is the same
 * for every profile; a profile only chooses its settings.
 */
export interface Profile {
  readonly name: ProfileName;
  readonly description: string;
  /** Price adjustment the loader applies unless the user chooses one. */
  readonly adjust: AdjustPolicy;
  /** Engine settings this profile fixes (the rest come from defaults and user options). */
  readonly engine: Partial<EngineConfig>;
  /** Parameter overrides per strategy kind (applied under the user's own parameters). */
  readonly strategyParams: Readonly<Record<string, Record<string, unknown>>>;
  /** Which metric definitions headline the results. */
  readonly metrics: 'default' | 'finsaber';
  /** What cash earns unless the run sets a cash rate: the run's risk-free rate, or nothing. */
  readonly cashRate: 'risk-free' | 'none';
  /**
   * Turns the loaded series and the requested dates (epoch ms, 00:00 UTC) into the bars the
   * engine sees and the evaluation window within them.
   */
  prepare(series: BarSeries, from: number, to: number): { bars: BarSeries; window: EvaluationWindow };
}
