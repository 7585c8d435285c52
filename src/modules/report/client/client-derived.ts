/**
 * Browser code of the report: the series the page derives from the chart data instead of
 * reading them (see client-common.ts for the rules of this text). A report that draws every bar
 * of finite values leaves out the buy-and-hold benchmark and both drawdowns, which follow from
 * the equity, the closes and the initial cash: the same operations in the same order as
 * report-series.ts, on the same doubles, give the same values as the report would carry: null
 * for NaN and ±Infinity, and 0 for −0 (`v + 0`), as JSON writes them. A downsampled report carries them (its
 * drawdowns run over every bar, not only the drawn ones), as does one with a value that is not
 * finite (the page could not tell which one it was).
 */
export const CLIENT_DERIVED = String.raw`
function buyAndHoldOf(close, initialCash) {
  var c0 = close.length > 0 ? close[0] : null;
  var out = new Array(close.length);
  for (var i = 0; i < close.length; i++) {
    var v = typeof c0 === 'number' && c0 > 0 && typeof close[i] === 'number' ? (initialCash * close[i]) / c0 : NaN;
    out[i] = isFinite(v) ? v + 0 : null;
  }
  return out;
}

function drawdownOf(equity, initialCash) {
  var out = new Array(equity.length);
  var peak = initialCash;
  for (var i = 0; i < equity.length; i++) {
    var e = equity[i];
    if (typeof e !== 'number' || !isFinite(e)) { out[i] = null; continue; }
    if (e > peak) peak = e;
    var v = peak > 0 ? e / peak - 1 : NaN;
    out[i] = isFinite(v) ? v + 0 : null;
  }
  return out;
}

function deriveSeries(data) {
  if (!data.benchmark) data.benchmark = buyAndHoldOf(data.close, data.initialCash);
  if (!data.drawdown) data.drawdown = drawdownOf(data.equity, data.initialCash);
  if (!data.benchmarkDrawdown) data.benchmarkDrawdown = drawdownOf(data.benchmark, data.initialCash);
  return data;
}
`;
