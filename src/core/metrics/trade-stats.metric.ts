import { Trade } from '../engine/orders';

/** Share of round trips with pnl > 0 (break-even trades count as not winning); null without trades. */
export function winRate(trades: readonly Trade[]): number | null {
  if (trades.length === 0) return null;
  let wins = 0;
  for (const t of trades) if (t.pnl > 0) wins++;
  return wins / trades.length;
}

/** Gross profit / |gross loss| over round trips; null when no trade lost money. */
export function profitFactor(trades: readonly Trade[]): number | null {
  let profit = 0;
  let loss = 0;
  for (const t of trades) {
    if (t.pnl > 0) profit += t.pnl;
    else if (t.pnl < 0) loss -= t.pnl;
  }
  return loss === 0 ? null : profit / loss;
}

/** Mean of trade.barsHeld; null without trades. */
export function avgHoldingBars(trades: readonly Trade[]): number | null {
  if (trades.length === 0) return null;
  let sum = 0;
  for (const t of trades) sum += t.barsHeld;
  return sum / trades.length;
}
