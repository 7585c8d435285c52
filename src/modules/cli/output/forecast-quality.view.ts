import type { ForecastQuality } from '../../../core/metrics';
import { fixed, integer, percent } from './format';
import { renderTable } from './table';

/** The forecasts' calibration: scores against the class frequencies known at each decision, and the reliability table by decile. */
export function renderForecastQuality(q: ForecastQuality): string {
  const summary = renderTable(
    ['Forecasts', 'Brier', 'Class-frequency Brier', 'Skill', 'Hit rate', 'Most-frequent-class hit rate', 'Mean top probability'],
    [[integer(q.forecasts), fixed(q.brier, 4), fixed(q.baseBrier, 4), fixed(q.skill, 4), percent(q.hitRate), percent(q.baseHitRate), percent(q.meanTopProbability)]],
    ['right', 'right', 'right', 'right', 'right', 'right', 'right'],
  );
  const bins = q.reliability.filter((b) => b.n > 0);
  const reliability = renderTable(
    ['P(class)', 'Calls', 'Predicted', 'Observed'],
    bins.map((b) => [`${b.from.toFixed(1)}–${b.to.toFixed(1)}`, integer(b.n), percent(b.predicted, 1), percent(b.observed, 1)]),
    ['left', 'right', 'right', 'right'],
  );
  return [
    'Forecasts (each scored once its outcome was known; skill = 1 − Brier / class-frequency Brier):',
    summary,
    '',
    'Reliability (predicted vs observed by decile, the three classes pooled):',
    reliability,
  ].join('\n');
}
