/** Parameters of {@link handWrittenSmaCross}: the engine defaults for `sma-cross`. */
export interface HandWrittenParams {
  initialCash: number;
  fast: number;
  slow: number;
  /** Share of cash a new position uses. */
  tradeSize: number;
  /** Per-share commission: perShare a share, at least min, at most maxPct of the value. */
  perShare: number;
  min: number;
  maxPct: number;
}

/** What the hand-written loop ends with. */
export interface HandWrittenResult {
  /** Equity marked at each bar's close. */
  equity: Float64Array;
  finalEquity: number;
  /** Filled orders (buys + sells, including the end-of-test sale). */
  fills: number;
}

/**
 * The speed ceiling: the `sma-cross` strategy under the engine's default config written as one
 * Float64Array loop. Rolling sums give SMA(fast) and SMA(slow); the crossover is backtrader's
 * (last nonzero difference vs. the current sign); an up-cross buys tradeSize of cash at the
 * next open with commission-aware sizing (sized at the signal close, cut to the cash at the
 * fill price), a down-cross sells the whole long at the next open; long only; equity is
 * marked at each close and the position is sold at the last close. Nothing is allocated per bar.
 */
export function handWrittenSmaCross(open: Float64Array, close: Float64Array, p: HandWrittenParams): HandWrittenResult {
  const n = close.length;
  const { fast, slow, tradeSize, perShare, min, maxPct } = p;
  const fee = (q: number, price: number): number => (q === 0 ? 0 : Math.min(Math.max(perShare * q, min), maxPct * q * price));
  const affordable = (cash: number, price: number, candidate: number): number => {
    let q = Math.floor(candidate);
    if (!(price > 0) || !(cash > 0)) return 0;
    while (q > 0) {
      const f = fee(q, price);
      if (cash >= q * price + f) return q;
      const next = Math.floor((cash - f) / price);
      q = next < q ? next : q - 1;
    }
    return 0;
  };

  const equity = new Float64Array(n);
  let cash = p.initialCash;
  let pos = 0;
  let fills = 0;
  let sumFast = 0;
  let sumSlow = 0;
  let nzd = NaN;
  let pendingSide = 0;
  let pendingQty = 0;
  for (let t = 0; t < n; t++) {
    if (pendingSide > 0) {
      const o = open[t];
      let q = pendingQty;
      if (cash - q * o - fee(q, o) < 0) q = affordable(cash, o, q);
      if (q > 0) {
        cash -= q * o + fee(q, o);
        pos += q;
        fills++;
      }
    } else if (pendingSide < 0) {
      const o = open[t];
      const q = Math.min(pendingQty, pos);
      cash += q * o - fee(q, o);
      pos -= q;
      fills++;
    }
    pendingSide = 0;

    const c = close[t];
    sumFast += c;
    sumSlow += c;
    if (t >= fast) sumFast -= close[t - fast];
    if (t >= slow) sumSlow -= close[t - slow];
    if (t >= slow - 1) {
      const a = sumFast / fast;
      const b = sumSlow / slow;
      if (t >= slow) {
        if (nzd < 0 && a > b) {
          const q = affordable(cash, c, Math.floor((tradeSize * cash) / c));
          if (q > 0) {
            pendingSide = 1;
            pendingQty = q;
          }
        } else if (nzd > 0 && a < b && pos > 0) {
          pendingSide = -1;
          pendingQty = pos;
        }
      }
      const d = a - b;
      if (d !== 0 || t === slow - 1) nzd = d;
    }
    if (t === n - 1 && pos > 0) {
      cash += pos * c - fee(pos, c);
      pos = 0;
      fills++;
    }
    equity[t] = cash + pos * c;
  }
  return { equity, finalEquity: equity[n - 1], fills };
}
