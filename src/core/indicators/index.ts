/** Typed-array indicators for the engine's hot path: causal, O(n)-ish, NaN during warm-up. */
export { ExactSum } from './exact-sum';
export { sma, wma, ema, smma, expSmoothing } from './moving-average.indicator';
export { rollingStdPop, rollingStdBacktrader } from './deviation.indicator';
export { bollinger } from './bollinger.indicator';
export type { BollingerBands, DeviationFlavour } from './bollinger.indicator';
export { trueRange, atrWilder } from './true-range.indicator';
export { rsiWilder } from './rsi.indicator';
export { rollingMax, rollingMin } from './extremes.indicator';
export { crossover } from './crossover.indicator';
export { logReturns, simplifiedAtr } from './returns.indicator';
