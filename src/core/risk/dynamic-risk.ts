import { Style } from '../agents/style/style.types';
import { RiskParams } from './risk.params';

/** The risk manager's view at one decision. */
export interface RiskAssessment {
  /** The style whose multipliers set the thresholds. */
  style: Style;
  /** σ of the last `sigmaWindow` daily returns. */
  sigma: number;
  stopLoss: number;
  takeProfit: number;
  /** Unrealised return u of the open position against its reference price (0 when flat). */
  unrealized: number;
  /** Price u is measured from: the entry price, or the highest close since entry when trailing. */
  reference: number;
  /** The exit the thresholds force, if any. */
  forced: 'stop-loss' | 'take-profit' | null;
}

/**
 * Dynamic stop-loss and take-profit: T_SL = m_sl(style)·σ, T_TP = m_tp(style)·σ. With a long
 * position, u ≤ −T_SL or u ≥ T_TP forces a sell that overrides the decision (check `close`; with
 * `intrabar` the engine's stop and take-profit orders are the only exits, and the assessment
 * reports their levels). The state (entry thresholds, highest close) is per position; fixed
 * thresholds are those of the decision that opened it ({@link arm}).
 */
export class DynamicRisk {
  private entryStop = NaN;
  private entryTakeProfit = NaN;
  private highest = NaN;
  private held = false;
  /** Thresholds set by the decision that asked for the position, waiting for it to open. */
  private armedStop = NaN;
  private armedTakeProfit = NaN;

  constructor(private readonly params: RiskParams) {}

  /** Thresholds for `style` at volatility `sigma`. */
  thresholds(style: Style, sigma: number): { stopLoss: number; takeProfit: number } {
    return { stopLoss: this.params.stopMultiplier[style] * sigma, takeProfit: this.params.takeProfitMultiplier[style] * sigma };
  }

  /**
   * The thresholds of the position a decision is opening, known at that decision (its style and
   * σ): the position keeps them from its first close on. Called when the buy is submitted.
   */
  arm(stopLoss: number, takeProfit: number): void {
    this.armedStop = stopLoss;
    this.armedTakeProfit = takeProfit;
  }

  /**
   * Assesses the position at a close. `entryPrice` is NaN when flat. A new position takes the
   * thresholds armed by the decision that opened it (else those of its first close), unless
   * trailing.
   */
  assess(style: Style, sigma: number, position: number, entryPrice: number, close: number): RiskAssessment {
    const now = this.thresholds(style, sigma);
    if (position <= 0) {
      this.held = false;
      this.armedStop = this.armedTakeProfit = NaN;
      return { style, sigma, stopLoss: now.stopLoss, takeProfit: now.takeProfit, unrealized: 0, reference: NaN, forced: null };
    }
    if (!this.held) {
      this.held = true;
      const armed = !Number.isNaN(this.armedStop);
      this.entryStop = armed ? this.armedStop : now.stopLoss;
      this.entryTakeProfit = armed ? this.armedTakeProfit : now.takeProfit;
      this.armedStop = this.armedTakeProfit = NaN;
      this.highest = entryPrice;
    }
    this.highest = Math.max(this.highest, close);
    const trailing = this.params.thresholds === 'trailing';
    const stopLoss = trailing ? now.stopLoss : this.entryStop;
    const takeProfit = trailing ? now.takeProfit : this.entryTakeProfit;
    const gain = close / entryPrice - 1;
    const fromReference = trailing ? close / this.highest - 1 : gain;
    let forced: RiskAssessment['forced'] = null;
    // Checked intrabar, the engine's orders are the exits: a second check at the close would be a second stop.
    if (this.params.check === 'close') {
      if (fromReference <= -stopLoss) forced = 'stop-loss';
      else if (gain >= takeProfit) forced = 'take-profit';
    }
    return { style, sigma, stopLoss, takeProfit, unrealized: fromReference, reference: trailing ? this.highest : entryPrice, forced };
  }
}

/** The thresholds in force and, with a position (a reference price), its unrealised return and any forced exit. */
export function explainRisk(a: RiskAssessment): string {
  const levels = `T_SL ${pct(a.stopLoss)}, T_TP ${pct(a.takeProfit)} (σ ${pct(a.sigma)}, ${a.style})`;
  return !Number.isNaN(a.reference) ? `u ${pct(a.unrealized)} vs ${levels}${a.forced ? ` → forced ${a.forced}` : ''}` : `flat; ${levels}`;
}

function pct(x: number): string {
  return `${(x * 100).toFixed(2)}%`;
}
