/** Commission models. All amounts in account currency, quantities in shares. */
export type CommissionModel =
  | { kind: 'per-share'; perShare: number; min: number; maxPct: number }
  | { kind: 'percent'; rate: number }
  | { kind: 'fixed'; amount: number }
  | { kind: 'none' };

/** The FINSABER / IBKR-like default: $0.0049 a share, $0.99 minimum, capped at 1% of the value. */
export const DEFAULT_COMMISSION: CommissionModel = { kind: 'per-share', perShare: 0.0049, min: 0.99, maxPct: 0.01 };

/** Commission for one execution of `qty` shares (sign ignored) at `price`. */
export function commissionFor(model: CommissionModel, qty: number, price: number): number {
  const q = Math.abs(qty);
  if (q === 0) return 0;
  switch (model.kind) {
    case 'per-share':
      return Math.min(Math.max(model.perShare * q, model.min), model.maxPct * q * price);
    case 'percent':
      return model.rate * q * price;
    case 'fixed':
      return model.amount;
    case 'none':
      return 0;
  }
}
