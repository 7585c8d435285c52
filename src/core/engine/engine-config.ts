import { CommissionModel, DEFAULT_COMMISSION } from './commission';

/**
 * How the simulated broker fills and accounts. The default is the sane profile; the
 * finsaber profile (src/core/profiles) sets the FINSABER harness's policies.
 */
export interface EngineConfig {
  initialCash: number;
  /** Market orders decided at bar t fill at bar t+1's open, or at bar t's close. */
  fillAt: 'next-open' | 'close';
  commission: CommissionModel;
  /** Adverse price move applied to market and stop fills, in basis points. */
  slippageBps: number;
  allowShort: boolean;
  /**
   * Cash model of short positions.
   * - `margin`: a short sale credits its proceeds to cash; opening or growing a short needs
   *   equity >= shortMarginRate × |value of the whole short| after the trade (Reg-T style), and
   *   a short whose equity falls below maintenanceMarginRate × its value at a close is bought in
   *   at that close (reason `margin-call`).
   * - `cash-secured`: a short costs cash like a purchase (backtrader with shortcash=False);
   *   closing returns the entry debit plus the P&L.
   */
  shortModel: 'margin' | 'cash-secured';
  shortMarginRate: number;
  /** Margin model: the equity a short must keep at every close, as a share of its value (0: none). */
  maintenanceMarginRate: number;
  /** Annual fee on the value of an open short, charged every bar like the cash rate (0: none). */
  borrowFeeRate: number;
  /**
   * End the run at the first close where equity is at or below zero (the account is wiped out):
   * what is left is closed at that close and nothing more is traded or measured.
   */
  stopAtZeroEquity: boolean;
  /** A buy the cash cannot cover at the fill price is cut to what it covers, or rejected. */
  onInsufficientCash: 'resize' | 'reject';
  /**
   * Before filling, walk the pending orders at their signal-bar close and reject those that
   * would take a running cash copy below zero (backtrader's submit-time margin check).
   */
  precheckAtSignalPrice: boolean;
  /** Close an open position at the last bar's close (reason `end-of-test`). */
  closeAtEnd: boolean;
  /**
   * Annual rate the free cash earns (fraction), credited at each bar's close at
   * (1 + cashRate)^(1/252) − 1 of the cash held since the previous close: the per-bar rate the
   * Sharpe ratio subtracts for the same annual risk-free rate. Free cash is the cash balance less
   * the proceeds of an open margin short; a balance below zero is not charged.
   */
  cashRate: number;
}

export const DEFAULT_ENGINE_CONFIG: EngineConfig = {
  initialCash: 100_000,
  fillAt: 'next-open',
  commission: DEFAULT_COMMISSION,
  slippageBps: 0,
  allowShort: false,
  shortModel: 'margin',
  shortMarginRate: 0.5,
  maintenanceMarginRate: 0.3,
  borrowFeeRate: 0,
  stopAtZeroEquity: true,
  onInsufficientCash: 'resize',
  precheckAtSignalPrice: false,
  closeAtEnd: true,
  cashRate: 0,
};

/** Bars a year the engine accrues rates over (as the metrics annualise). */
export const BARS_PER_YEAR = 252;
