import type { ForecastQuality } from '../../core/metrics';
import { escapeHtml as h, num, percent } from './report-format';

/**
 * The forecasts' calibration: their Brier score against the class frequencies known at each
 * decision (skill above 0 means better than those), the hit rates, and the reliability table
 * (predicted vs observed by decile, the three classes pooled). Empty without scored forecasts.
 */
export function forecastQualityHtml(q: ForecastQuality | null | undefined): string {
  if (!q || q.forecasts === 0) return '';
  const summary: [string, string, string][] = [
    ['Forecasts scored', num(q.forecasts, 0), 'each once its outcome was known'],
    ['Brier score', num(q.brier, 4), '0 best, 2 worst'],
    ['Class-frequency Brier', num(q.baseBrier, 4), 'the frequencies known at each decision'],
    ['Skill', num(q.skill, 4), '1 − Brier / class-frequency Brier'],
    ['Hit rate', percent(q.hitRate, 1), 'label = realised class'],
    ['Most-frequent-class hit rate', percent(q.baseHitRate, 1), 'always calling the most frequent class'],
    ['Mean top probability', percent(q.meanTopProbability, 1), 'how sure the forecasts sounded'],
  ];
  const rows = summary.map(([k, v, u]) => `<tr><th scope="row">${h(k)}</th><td class="num">${h(v)}</td><td class="unit">${h(u)}</td></tr>`).join('\n');
  const bins = q.reliability
    .filter((b) => b.n > 0)
    .map((b) => `<tr><th scope="row">${h(`${b.from.toFixed(1)}–${b.to.toFixed(1)}`)}</th><td class="num">${h(num(b.n, 0))}</td><td class="num">${h(percent(b.predicted, 1))}</td><td class="num">${h(percent(b.observed, 1))}</td></tr>`)
    .join('\n');
  return `<section id="forecast-section">
<h2>Forecast calibration</h2>
<div class="metrics-grid"><div><table class="metrics" id="forecast-table">
<thead><tr><th scope="col">Measure</th><th scope="col" class="num">Value</th><th scope="col">Meaning</th></tr></thead>
<tbody>
${rows}
</tbody>
</table></div>
<div><table class="metrics" id="reliability-table">
<caption>Reliability: predicted vs observed by decile</caption>
<thead><tr><th scope="col">P(class)</th><th scope="col" class="num">Calls</th><th scope="col" class="num">Predicted</th><th scope="col" class="num">Observed</th></tr></thead>
<tbody>
${bins}
</tbody>
</table></div></div>
<p class="caption">A calibrated forecaster's observed share matches its predicted probability in every decile. The three class probabilities of each forecast are pooled.</p>
</section>`;
}
