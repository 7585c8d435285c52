import { Trade } from '../engine/orders';
import { RecordList } from '../engine/record-list';

/** Share of round trips with pnl > 0 (break-even trades count as not winning); null without trades. */
export function winRate(trades: RecordList<Trade>): number | null {
  if (trades.length === 0) return null;
  let wins = 0;
  for (let i = 0; i < trades.length; i++) if (trades.at(i)!.pnl > 0) wins++;
  return wins / trades.length;
}

/** Gross profit / |gross loss| over round trips; null when no trade lost money. */
export function profitFactor(trades: RecordList<Trade>): number | null {
  let profit = 0;
  let loss = 0;
  for (let i = 0; i < trades.length; i++) {
    const pnl = trades.at(i)!.pnl;
    if (pnl > 0) profit += pnl;
    else if (pnl < 0) loss -= pnl;
  }
  return loss === 0 ? null : profit / loss;
}

/** Mean of trade.barsHeld; null without trades. */
export function avgHoldingBars(trades: RecordList<Trade>): number | null {
  if (trades.length === 0) return null;
  let sum = 0;
  for (let i = 0; i < trades.length; i++) sum += trades.at(i)!.barsHeld;
  return sum / trades.length;
}
