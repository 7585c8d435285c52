import { canTake } from '../agents/decision/decision-actions';
import { Action, ACTIONS } from '../agents/decision/decision.types';
import { BarSeries } from '../market/bar-series';
import { ActionOutcome, simulateAction, StepRules } from './counterfactual-step';
import { DecisionLabelValue } from './memory-case';
import { actionReward } from './outcome-labels';

/** The state a decision was taken in and the action taken. */
export interface LabelledState {
  t: number;
  cash: number;
  position: number;
  chosen: Action;
}

/**
 * The decision label of a state: reward_a = r_eq − beta·r_bm − gamma·c_a for each action the
 * decision agent could take there ({@link canTake}) and for the action it took, each simulated
 * by a counterfactual broker step (r_eq the equity return to the outcome close, r_bm the
 * stock's own return, c_a the commission over the equity at the decision); any other action's
 * reward is null. The best action and the regret range over those rewards only. Ties go to
 * HOLD, then BUY, then SELL. Written into `out` when given.
 */
export function decisionLabel(
  state: LabelledState,
  bars: BarSeries,
  params: { horizon: number; beta: number; gamma: number },
  rules: StepRules,
  out: DecisionLabelValue = emptyLabel(),
): DecisionLabelValue {
  const { t, chosen } = state;
  const h = params.horizon;
  const equity0 = state.cash + state.position * bars.close[t];
  const benchmark = bars.close[t + h] / bars.close[t] - 1;
  const rewards = out.rewards;
  let best: Action | null = null;
  for (let k = 0; k < TIE_ORDER.length; k++) {
    const action = TIE_ORDER[k];
    if (action !== chosen && !canTake(action, state.position)) {
      rewards[action] = null;
      continue;
    }
    const o = simulateAction(action, state, bars, t, h, rules, OUTCOME);
    const reward = actionReward(o.equity / equity0 - 1, benchmark, o.commission / equity0, params.beta, params.gamma);
    rewards[action] = reward;
    // Earlier in the tie order wins a tie.
    if (best === null || reward > rewards[best]!) best = action;
  }
  const top = best!;
  out.best = top;
  out.chosen = chosen;
  out.regret = rewards[top]! - rewards[chosen]!;
  out.benchmarkReturn = benchmark;
  return out;
}

/** The actions a label lists, in the order ties are broken. */
const TIE_ORDER: readonly Action[] = ['HOLD', 'BUY', 'SELL'];

/** The actions of a label that have a reward (those feasible in its state, and the one taken). */
export function labelledActions(rewards: Record<Action, number | null>): Action[] {
  return ACTIONS.filter((a) => rewards[a] !== null);
}

function emptyLabel(): DecisionLabelValue {
  return { rewards: { BUY: null, SELL: null, HOLD: null }, best: 'HOLD', chosen: 'HOLD', regret: 0, benchmarkReturn: 0 };
}

/** Each simulated outcome is read at once, so one object serves them all. */
const OUTCOME: ActionOutcome = { equity: 0, commission: 0 };
