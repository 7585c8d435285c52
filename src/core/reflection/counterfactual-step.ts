import { Action } from '../agents/decision/decision.types';
import { CommissionModel, commissionFor } from '../engine/commission';
import { affordableQty, sharesForCash } from '../engine/sizing';
import { BarSeries } from '../market/bar-series';

/** The account when a decision was taken. */
export interface DecisionState {
  cash: number;
  position: number;
}

/** How a simulated action trades: the engine's own fill timing, costs and sizing. */
export interface StepRules {
  commission: CommissionModel;
  /** Share of cash a BUY uses. */
  buyFraction: number;
  fillAt: 'next-open' | 'close';
  slippageBps: number;
}

export interface ActionOutcome {
  /** Equity at the outcome close after taking the action. */
  equity: number;
  commission: number;
}

/**
 * What one action taken at bar t would have led to at the close of bar t + horizon: a
 * counterfactual broker step (long only, as the decision agent trades). BUY spends the
 * configured share of cash, SELL closes a long, HOLD does nothing. Written into `into` when given.
 */
export function simulateAction(
  action: Action,
  state: DecisionState,
  bars: BarSeries,
  t: number,
  horizon: number,
  rules: StepRules,
  into: ActionOutcome = { equity: 0, commission: 0 },
): ActionOutcome {
  const fillBar = rules.fillAt === 'close' ? t : t + 1;
  const slip = rules.slippageBps / 10_000;
  let { cash, position } = state;
  let commission = 0;
  if (action === 'BUY') {
    const price = (rules.fillAt === 'close' ? bars.close[fillBar] : bars.open[fillBar]) * (1 + slip);
    const wanted = sharesForCash(cash, bars.close[t], rules.buyFraction, rules.commission);
    const qty = affordableQty(cash, price, wanted, rules.commission);
    if (qty > 0) {
      commission = commissionFor(rules.commission, qty, price);
      cash -= qty * price + commission;
      position += qty;
    }
  } else if (action === 'SELL' && position > 0) {
    const price = (rules.fillAt === 'close' ? bars.close[fillBar] : bars.open[fillBar]) * (1 - slip);
    commission = commissionFor(rules.commission, position, price);
    cash += position * price - commission;
    position = 0;
  }
  into.equity = cash + position * bars.close[t + horizon];
  into.commission = commission;
  return into;
}
