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

/** Order in which ties for the lowest reward are broken. */
const TIE_ORDER: readonly Action[] = ['HOLD', 'BUY', 'SELL'];

/**
 * Picks the pair of a labelled decision from the actions that have a reward (those the agent
 * could take in that state, and the one it took): chosen = the best action of the label;
 * rejected = the action with the lowest reward (ties: first of HOLD, BUY, SELL), or with policy
 * `taken` the action the agent took when its reward is below the best one's. Null when the
 * best and the rejected action earn the same reward: there is nothing to prefer.
 */
export function selectPreferencePair(rewards: Record<Action, number | null>, best: Action, taken: Action | null, policy: RejectedPolicy): PreferencePair | null {
  const top = rewards[best];
  if (top === null) return null;
  const takenReward = taken === null ? null : rewards[taken];
  if (policy === 'taken' && taken !== null && taken !== best && takenReward !== null && takenReward < top) {
    return { chosen: best, rejected: taken, rejectedSource: 'model', margin: top - takenReward };
  }
  let worst: Action | null = null;
  for (const a of TIE_ORDER) {
    const r = rewards[a];
    if (r !== null && (worst === null || r < rewards[worst]!)) worst = a;
  }
  if (worst === null) return null;
  const margin = top - rewards[worst]!;
  if (!(margin > 0)) return null;
  return { chosen: best, rejected: worst, rejectedSource: 'label', margin };
}
