import { Action } from '../agents/decision/decision.types';
import { RejectedPolicy } from './synthesis.types';

/** The two actions of a preference pair and where the rejected answer comes from. */
export interface PreferencePair {
  chosen: Action;
  rejected: Action;
  /** `model` when the rejected answer is the one the agent gave, `label` when it is templated from the rewards. */
  rejectedSource: 'label' | 'model';
  /** reward(chosen) − reward(rejected), > 0. */
  margin: number;
}

/**
 * Order in which ties for the lowest reward are broken: HOLD first, so that a flat account's
 * SELL (which does nothing and so ties with HOLD) is never the rejected answer.
 */
const TIE_ORDER: readonly Action[] = ['HOLD', 'BUY', 'SELL'];

/**
 * Picks the pair of a labelled decision: chosen = the best action of the label; rejected = the
 * action with the lowest reward (ties: first of HOLD, BUY, SELL), or with policy `taken` the
 * action the agent took when its reward is below the best one's. Null when the best and the
 * rejected action earn the same reward: there is nothing to prefer.
 */
export function selectPreferencePair(rewards: Record<Action, number>, best: Action, taken: Action | null, policy: RejectedPolicy): PreferencePair | null {
  if (policy === 'taken' && taken !== null && taken !== best && rewards[taken] < rewards[best]) {
    return { chosen: best, rejected: taken, rejectedSource: 'model', margin: rewards[best] - rewards[taken] };
  }
  let worst: Action = TIE_ORDER[0];
  for (const a of TIE_ORDER) if (rewards[a] < rewards[worst]) worst = a;
  const margin = rewards[best] - rewards[worst];
  if (!(margin > 0)) return null;
  return { chosen: best, rejected: worst, rejectedSource: 'label', margin };
}
