import { Action } from './decision.types';

/**
 * Whether the decision agent can take `action` holding `position` signed shares. It trades
 * long only, with or without shorting in the engine: BUY opens a position when flat, SELL
 * closes a long, HOLD is always open to it. Labels range over these actions only, so a state's
 * "best action" is one the agent could have taken.
 */
export function canTake(action: Action, position: number): boolean {
  if (action === 'HOLD') return true;
  return action === 'BUY' ? position === 0 : position > 0;
}
