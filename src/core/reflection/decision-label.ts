import { Action, ACTIONS } from '../agents/decision/decision.types';
import { BarSeries } from '../market/bar-series';
import { ActionOutcome, simulateAction, StepRules } from './counterfactual-step';
import { actionReward } from './outcome-labels';

/**
 * reward_a = r_eq − beta·r_bm − gamma·c_a for BUY, SELL and HOLD from the same state, each
 * simulated by a counterfactual broker step: r_eq is the equity return to the outcome close,
 * r_bm the stock's own return, c_a the commission over the equity at the decision. Written
 * into `out` when given.
 */
export function counterfactualRewards(
  state: { t: number; cash: number; position: number },
  bars: BarSeries,
  params: { horizon: number; beta: number; gamma: number },
  rules: StepRules,
  out: Record<Action, number> = { BUY: 0, SELL: 0, HOLD: 0 },
): Record<Action, number> {
  const { t } = state;
  const h = params.horizon;
  const equity0 = state.cash + state.position * bars.close[t];
  const benchmark = bars.close[t + h] / bars.close[t] - 1;
  for (const action of ACTIONS) {
    const o = simulateAction(action, state, bars, t, h, rules, OUTCOME);
    out[action] = actionReward(o.equity / equity0 - 1, benchmark, o.commission / equity0, params.beta, params.gamma);
  }
  return out;
}

/** Each simulated outcome is read at once, so one object serves them all. */
const OUTCOME: ActionOutcome = { equity: 0, commission: 0 };
