import { ExplainedColumns } from '../trace/explained-columns';
import { Forecast, FORECAST_LABELS as LABELS } from './forecast.types';
import { explainForecast } from './forecasting.agent';

const GATES: ReadonlyArray<Forecast['gate']> = ['none', 'overbought-without-breakout', 'below-up-threshold'];

/** The forecaster's outputs in the decision trace's columns (see {@link ExplainedColumns}). */
export class ForecastColumns extends ExplainedColumns<Forecast> {
  /** `capacity`: rows to make room for at once (one per bar of the run). */
  constructor(capacity?: number) {
    super('forecast', explainForecast, 'bar', 20, 0, capacity);
  }

  protected writeData(d: Forecast, x: Float64Array, n: number): boolean {
    const f = d.features;
    x[n] = d.pUp;
    x[n + 1] = d.pDown;
    x[n + 2] = d.pSideways;
    x[n + 3] = LABELS.indexOf(d.label);
    x[n + 4] = GATES.indexOf(d.gate);
    x[n + 5] = d.epsilon;
    x[n + 6] = d.trainedOn;
    x[n + 7] = f.rsi14;
    x[n + 8] = f.smaDeviation;
    x[n + 9] = f.distanceToHigh;
    x[n + 10] = f.distanceToLow;
    x[n + 11] = f.simplifiedAtr20;
    x[n + 12] = f.breakoutThreshold;
    x[n + 13] = f.newHigh ? 1 : 0;
    x[n + 14] = f.return1;
    x[n + 15] = f.return5;
    x[n + 16] = d.baseUp;
    x[n + 17] = d.baseDown;
    x[n + 18] = d.baseSideways;
    x[n + 19] = d.modelWeight;
    return x[n + 3] >= 0 && x[n + 4] >= 0;
  }

  protected readData(x: Float64Array, n: number): Forecast {
    return {
      pUp: x[n],
      pDown: x[n + 1],
      pSideways: x[n + 2],
      label: LABELS[x[n + 3]],
      gate: GATES[x[n + 4]],
      epsilon: x[n + 5],
      trainedOn: x[n + 6],
      baseUp: x[n + 16],
      baseDown: x[n + 17],
      baseSideways: x[n + 18],
      modelWeight: x[n + 19],
      features: {
        rsi14: x[n + 7],
        smaDeviation: x[n + 8],
        distanceToHigh: x[n + 9],
        distanceToLow: x[n + 10],
        simplifiedAtr20: x[n + 11],
        breakoutThreshold: x[n + 12],
        newHigh: x[n + 13] === 1,
        return1: x[n + 14],
        return5: x[n + 15],
      },
    };
  }
}
