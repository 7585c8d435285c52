/**
 * Browser code of the report, part 1: data, formatting, the chart factory (size, cursor and
 * zoom sync, resize, error display) and the readiness signal for tests.
 * Plain ES2019 text run inside one function scope (see report-client.ts); keep it free of
 * backticks and dollar-brace sequences, since it lives in a template literal.
 */
export const CLIENT_COMMON = String.raw`
var D = deriveSeries(JSON.parse(document.getElementById('report-data').textContent));
var STATS = { charts: {}, tables: {}, ready: false };
window.__reportStats = STATS;
var C = {
  equity: '#1f5fbf', bench: '#6b7280', dd: '#c62828', ddFill: 'rgba(198,40,40,0.16)', price: '#1d2330',
  green: '#1b8a3a', red: '#c62828', purple: '#7b2fbf', axis: '#2b3240', grid: 'rgba(29,35,48,0.08)',
  heldLong: 'rgba(27,138,58,0.10)', heldShort: 'rgba(123,47,191,0.10)',
  styles: { aggressive: 'rgba(240,140,120,0.35)', balanced: 'rgba(120,160,225,0.28)', conservative: 'rgba(110,190,140,0.32)' }
};
var PX = uPlot.pxRatio || 1;
var CHARTS = [];
var pendingDraws = 0;
var allCreated = false;

function isNum(v) { return typeof v === 'number' && isFinite(v); }
function isoOf(ts) { return new Date(ts * 1000).toISOString().slice(0, 10); }
function utcDate(ts) { return uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'); }
function grouped(v, d) { return Math.abs(v).toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d }); }
function sign(v) { return v < 0 ? '\u2212' : ''; }
function money(v, d) { return isNum(v) ? sign(v) + '$' + grouped(v, d == null ? 2 : d) : '\u2013'; }
function signedMoney(v) { return isNum(v) && v > 0 ? '+' + money(v) : money(v); }
function pct(v, d) { return isNum(v) ? sign(v) + grouped(v * 100, d == null ? 2 : d) + '%' : '\u2013'; }
function signedPct(v, d) { return isNum(v) && v > 0 ? '+' + pct(v, d) : pct(v, d); }
function fixed(v, d) { return isNum(v) ? sign(v) + grouped(v, d) : '\u2013'; }
function signedFixed(v, d) { return isNum(v) && v > 0 ? '+' + fixed(v, d) : fixed(v, d); }
function clamp(x, lo, hi) { return Math.max(lo, Math.min(hi, x)); }
function stepOf(splits) { return splits.length > 1 ? Math.abs(splits[1] - splits[0]) : Math.abs(splits[0] || 1); }
/** Fewest decimals (up to 4) that write every multiple of the tick step exactly (2.5 -> 1). */
function decimalsFor(step) {
  if (!(step > 0)) return 0;
  for (var d = 0; d < 4; d++) {
    var scaled = step * Math.pow(10, d);
    if (Math.abs(scaled - Math.round(scaled)) < 1e-6 * Math.max(1, scaled)) return d;
  }
  return 4;
}

/** Axis labels in dollars, compact (k, M) when large. */
function moneyAxis(u, splits) {
  var max = 0;
  splits.forEach(function (v) { if (isNum(v)) max = Math.max(max, Math.abs(v)); });
  var unit = max >= 1e6 ? 1e6 : max >= 1e4 ? 1e3 : 1;
  var suffix = unit === 1e6 ? 'M' : unit === 1e3 ? 'k' : '';
  var d = decimalsFor(stepOf(splits) / unit);
  return splits.map(function (v) { return isNum(v) ? sign(v) + '$' + grouped(v / unit, d) + suffix : ''; });
}
function pctAxis(u, splits) {
  var d = decimalsFor(stepOf(splits) * 100);
  return splits.map(function (v) { return isNum(v) ? pct(v, d) : ''; });
}
function fixedAxis(u, splits) {
  var d = decimalsFor(stepOf(splits));
  return splits.map(function (v) { return isNum(v) ? fixed(v, d) : ''; });
}

function xAxis() {
  return { stroke: C.axis, grid: { stroke: C.grid, width: 1 }, ticks: { stroke: C.grid, width: 1 } };
}
function yAxis(values, size) {
  return { stroke: C.axis, values: values, size: size || 78, grid: { stroke: C.grid, width: 1 }, ticks: { stroke: C.grid, width: 1 } };
}
/** The legend shows the hovered bar, or the last bar (marked) while the cursor is away. */
function lastFinite(arr) { for (var i = arr.length - 1; i >= 0; i--) if (isNum(arr[i])) return arr[i]; return null; }
function legendValue(fmt, arr) {
  return function (u, v, si, idx) { return fmt(idx == null ? lastFinite(arr) : v); };
}
function dateSeries(xs) {
  return { label: 'Date', value: function (u, v, si, idx) {
    if (idx == null) { var last = lastFinite(xs); return isNum(last) ? isoOf(last) + ' (last)' : '\u2013'; }
    return isNum(v) ? isoOf(v) : '\u2013';
  } };
}

/** Width of a chart's container (CSS px). */
function chartWidth(el) { return Math.max(320, Math.floor(el.getBoundingClientRect().width)); }

function showError(el, err) {
  var box = document.createElement('div');
  box.className = 'chart-error';
  box.textContent = 'This chart could not be drawn: ' + (err && err.message ? err.message : String(err));
  el.appendChild(box);
}

function checkReady() {
  if (allCreated && pendingDraws === 0 && !STATS.ready) {
    STATS.ready = true;
    document.body.setAttribute('data-report-ready', 'true');
  }
}

var syncingX = false;
/** Zooming one chart (drag) zooms them all; a double click resets them all. */
function syncZoom(u, key) {
  if (key !== 'x' || syncingX || !allCreated) return;
  syncingX = true;
  try {
    var min = u.scales.x.min, max = u.scales.x.max;
    CHARTS.forEach(function (c) {
      if (c.u !== u && (c.u.scales.x.min !== min || c.u.scales.x.max !== max)) c.u.setScale('x', { min: min, max: max });
    });
  } finally { syncingX = false; }
}

/** Creates a uPlot chart in #id; returns null (and shows why) when it fails. */
function addChart(id, opts, data) {
  var el = document.getElementById(id);
  if (!el) return null;
  var drawn = false;
  opts.width = chartWidth(el);
  opts.tzDate = utcDate;
  opts.cursor = Object.assign({ sync: { key: 'report', setSeries: false } }, opts.cursor || {});
  opts.legend = Object.assign({ live: true }, opts.legend || {});
  opts.hooks = opts.hooks || {};
  opts.hooks.draw = (opts.hooks.draw || []).concat([function () {
    if (!drawn) { drawn = true; pendingDraws--; checkReady(); }
  }]);
  opts.hooks.setScale = (opts.hooks.setScale || []).concat([syncZoom]);
  pendingDraws++;
  try {
    var u = new uPlot(opts, data, el);
    CHARTS.push({ u: u, el: el });
    return u;
  } catch (err) {
    pendingDraws--;
    showError(el, err);
    console.error('report chart ' + id + ' failed:', err);
    return null;
  }
}

var resizeTimer = null;
window.addEventListener('resize', function () {
  clearTimeout(resizeTimer);
  resizeTimer = setTimeout(function () {
    CHARTS.forEach(function (c) { c.u.setSize({ width: chartWidth(c.el), height: c.u.height }); });
  }, 80);
});

/** Left and right pixel edges of bar i (half-way to its neighbours), canvas px. */
function barEdges(u, xs, i) {
  var x = u.valToPos(xs[i], 'x', true);
  var l = i > 0 ? (x + u.valToPos(xs[i - 1], 'x', true)) / 2 : x;
  var r = i < xs.length - 1 ? (x + u.valToPos(xs[i + 1], 'x', true)) / 2 : x;
  return [l, r];
}

/** Fills [runs] of equal keys as full-height bands in the plot area (under the series). */
function drawBands(u, xs, runs, colorOf) {
  var ctx = u.ctx, bb = u.bbox;
  ctx.save();
  ctx.beginPath();
  ctx.rect(bb.left, bb.top, bb.width, bb.height);
  ctx.clip();
  runs.forEach(function (r) {
    var color = colorOf(r.key);
    if (!color) return;
    var l = barEdges(u, xs, r.start)[0], rt = barEdges(u, xs, r.end)[1];
    if (rt < bb.left || l > bb.left + bb.width) return;
    ctx.fillStyle = color;
    ctx.fillRect(l, bb.top, Math.max(rt - l, PX), bb.height);
  });
  ctx.restore();
}

/** Runs of equal keys: [{ key, start, end }] with inclusive indices. */
function runsOf(keys) {
  var runs = [];
  for (var i = 0; i < keys.length; i++) {
    var last = runs[runs.length - 1];
    if (last && last.key === keys[i]) last.end = i;
    else runs.push({ key: keys[i], start: i, end: i });
  }
  return runs;
}

/**
 * Draws a triangle with its tip at (x, y): pointing up (the body below the tip) or down.
 * Filled, or hollow with a coloured outline; always with a white halo for contrast. Size in CSS px;
 * stack > 0 moves it one triangle further away per step (several fills on one bar and side).
 */
function triangle(ctx, x, y, up, color, hollow, size, stack) {
  var s = (size || 6) * PX, h = 1.6 * s, gap = 2 * PX + (stack || 0) * (h + 2 * PX);
  var ty = up ? y + gap : y - gap, by = up ? ty + h : ty - h;
  ctx.setLineDash([]);
  ctx.beginPath();
  ctx.moveTo(x, ty);
  ctx.lineTo(x - s, by);
  ctx.lineTo(x + s, by);
  ctx.closePath();
  ctx.lineWidth = 3 * PX;
  ctx.strokeStyle = 'rgba(255,255,255,0.95)';
  ctx.stroke();
  ctx.lineWidth = 1.6 * PX;
  if (hollow) { ctx.fillStyle = '#ffffff'; ctx.fill(); ctx.strokeStyle = color; ctx.stroke(); }
  else { ctx.fillStyle = color; ctx.fill(); }
}

function inPlot(u, x, y) {
  var bb = u.bbox;
  return isNum(x) && isNum(y) && x >= bb.left - 1 && x <= bb.left + bb.width + 1 && y >= bb.top - 1 && y <= bb.top + bb.height + 1;
}

function setText(id, text) { var el = document.getElementById(id); if (el) el.textContent = text; }
`;
