import { CommissionModel, commissionFor } from './commission';

/**
 * The largest whole number of shares, at most `candidate`, whose cost plus commission at
 * `price` fits in `cash`. It walks down like FINSABER's sizing helper: when n does not fit,
 * n = floor((cash − commission(n)) / price), until it fits or reaches 0.
 */
export function affordableQty(cash: number, price: number, candidate: number, commission: CommissionModel): number {
  let n = Math.floor(candidate);
  if (!(price > 0) || !(cash > 0)) return 0;
  while (n > 0) {
    const fee = commissionFor(commission, n, price);
    if (cash >= n * price + fee) return n;
    const next = Math.floor((cash - fee) / price);
    n = next < n ? next : n - 1;
  }
  return 0;
}

/** Shares that `fraction` of `cash` buys at `price` after commission (0 when none). */
export function sharesForCash(cash: number, price: number, fraction: number, commission: CommissionModel): number {
  if (!(price > 0) || !(cash > 0)) return 0;
  return affordableQty(cash, price, Math.floor((fraction * cash) / price), commission);
}
