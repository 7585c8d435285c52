/**
 * Browser code of the report, part 3: the TradingGroup agents' timeline (style bands, the position
 * held, action markers, the decision and agent scores smoothed) and its hover detail (every bar's
 * own values). A decision score can swing between its extremes from one bar to the next; the lines
 * are exponential means over SMOOTH bars so the drift reads at a glance.
 * See client-common.ts for the rules of this text.
 */
export const CLIENT_TIMELINE = String.raw`
var SMOOTH = 10;
/** Exponential mean over about n bars; a missing value keeps the mean, none yet gives null. */
function ema(values, n) {
  var a = 2 / (n + 1), m = null;
  return values.map(function (v) {
    if (isNum(v)) m = m === null ? v : m + a * (v - m);
    return m;
  });
}
/** Mean absolute change from one bar to the next (gaps skipped): how much a line jumps. */
function meanJump(values) {
  var sum = 0, n = 0, last = null;
  values.forEach(function (v) {
    if (!isNum(v)) return;
    if (last !== null) { sum += Math.abs(v - last); n++; }
    last = v;
  });
  return n > 0 ? sum / n : 0;
}
function drawTimeline() {
  var P = D.timeline;
  if (!P) return;
  if (P.length === 0) { setText('timeline-info', 'No agent decisions fall inside the run\'s bars.'); return; }
  var xs = P.map(function (p) { return p.t; });
  var t0 = D.t[0], tN = D.t[D.t.length - 1];
  var field = function (name) { return P.map(function (p) { return isNum(p[name]) ? p[name] : null; }); };
  var edge = P.map(function (p) { return p.forecast && isNum(p.forecast.pUp) && isNum(p.forecast.pDown) ? p.forecast.pUp - p.forecast.pDown : null; });
  var raw = P.map(function (p) { return p.score; });
  var mean = ' (' + SMOOTH + '-bar mean)';
  var candidates = [
    [{ label: 'Decision score' + mean, stroke: '#1d2330', width: 2.25 }, ema(raw, SMOOTH)],
    [{ label: 'News' + mean, stroke: '#d97000', width: 1.25 }, ema(field('news'), SMOOTH)],
    [{ label: 'Report' + mean, stroke: '#0f8b8d', width: 1.25 }, ema(field('report'), SMOOTH)],
    [{ label: 'Forecast P(up) \u2212 P(down)' + mean, stroke: 'rgba(123,47,191,0.6)', width: 1, dash: [4, 3] }, ema(edge, SMOOTH)]
  ].filter(function (c, k) { return k === 0 || c[1].some(function (v) { return v !== null; }); });
  var series = [dateSeries(xs)], data = [xs];
  candidates.forEach(function (c) {
    c[0].value = legendValue(function (v) { return signedFixed(v, 2); }, c[1]);
    series.push(c[0]);
    data.push(c[1]);
  });
  /** Decisions inside the current x range (the markers shrink when they are dense). */
  function visibleCount(u) {
    var lo = u.scales.x.min, hi = u.scales.x.max, k = 0;
    for (var i = 0; i < xs.length; i++) if (xs[i] >= lo && xs[i] <= hi && P[i].action !== 'HOLD') k++;
    return k;
  }
  var styleRuns = runsOf(P.map(function (p) { return p.style; }));
  var heldRuns = runsOf(P.map(function (p) { return p.held || 0; })).filter(function (r) { return r.key !== 0; });
  var stats = {
    series: candidates.length, points: P.length, markers: 0, bands: styleRuns.length, held: heldRuns.length, reflections: 0,
    jump: { raw: meanJump(raw), smoothed: meanJump(candidates[0][1]) }
  };
  var u = addChart('chart-timeline', {
    height: 250,
    scales: {
      x: { time: true, range: function (u, min, max) {
        return min === xs[0] && max === xs[xs.length - 1] ? [Math.min(t0, min), Math.max(tN, max)] : [min, max];
      } },
      y: { range: [-1.1, 1.1] }
    },
    series: series,
    axes: [xAxis(), yAxis(fixedAxis, 60)],
    hooks: {
      drawClear: [function (u) {
        drawBands(u, xs, styleRuns, function (k) { return C.styles[k] || null; });
        drawHeld(u, xs, heldRuns);
      }],
      draw: [function (u) {
        var ctx = u.ctx, bb = u.bbox, n = 0, r = 0;
        var size = clamp((bb.width / PX / Math.max(1, visibleCount(u))) * 1.2, 3.5, 6);
        ctx.save();
        ctx.setLineDash([]);
        P.forEach(function (p) {
          var x = u.valToPos(p.t, 'x', true);
          if (!(x >= bb.left - 1 && x <= bb.left + bb.width + 1)) return;
          if (p.action !== 'HOLD') {
            var y = u.valToPos(p.score, 'y', true);
            if (inPlot(u, x, y)) { triangle(ctx, x, y, p.action === 'BUY', p.action === 'BUY' ? C.green : C.red, false, size); n++; }
          }
          if (p.forced) {
            var yf = u.valToPos(p.score, 'y', true);
            ctx.beginPath(); ctx.arc(x, yf, 9 * PX, 0, 2 * Math.PI);
            ctx.lineWidth = 1.8 * PX; ctx.strokeStyle = '#111111'; ctx.stroke();
          }
          if (p.reflection) {
            var d = 5 * PX, yr = bb.top + d + 2 * PX;
            ctx.beginPath(); ctx.moveTo(x, yr - d); ctx.lineTo(x + d, yr); ctx.lineTo(x, yr + d); ctx.lineTo(x - d, yr); ctx.closePath();
            ctx.fillStyle = '#b26a00'; ctx.fill(); r++;
          }
        });
        ctx.restore();
        stats.markers = n;
        stats.reflections = r;
      }],
      setCursor: [function (u) { timelineInfo(u); }]
    }
  }, data);
  if (u) STATS.charts.timeline = stats;

  function timelineInfo(u) {
    var i = u.cursor.idx;
    if (i == null || !isNum(u.cursor.left) || u.cursor.left < 0) { setText('timeline-info', 'Hover over the timeline to read the agents\' outputs at a bar.'); return; }
    var p = P[i], parts = [p.date, p.action + ' ' + pct(p.confidence, 0), p.style + ' style', 'score ' + signedFixed(p.score, 2) + ' (mean ' + signedFixed(candidates[0][1][i], 2) + ')'];
    parts.push(p.held > 0 ? 'holding long' : p.held < 0 ? 'holding short' : 'flat');
    if (isNum(p.news)) parts.push('news ' + signedFixed(p.news, 2));
    if (isNum(p.report)) parts.push('report ' + signedFixed(p.report, 2));
    if (p.forecast) parts.push('forecast ' + p.forecast.label + ' (up ' + pct(p.forecast.pUp, 0) + ', down ' + pct(p.forecast.pDown, 0) + ', sideways ' + pct(p.forecast.pSideways, 0) + ')');
    if (p.forced) parts.push('forced: ' + p.forced);
    if (p.reflection) parts.push('reflection: ' + p.reflection);
    setText('timeline-info', parts.join(' \u00b7 '));
  }
}

/** The position held, as a strip along the bottom of the plot (under the lines): long green, short purple. */
function drawHeld(u, xs, runs) {
  var ctx = u.ctx, bb = u.bbox, top = u.valToPos(-0.96, 'y', true), bottom = bb.top + bb.height;
  ctx.save();
  ctx.beginPath();
  ctx.rect(bb.left, bb.top, bb.width, bb.height);
  ctx.clip();
  runs.forEach(function (r) {
    var l = barEdges(u, xs, r.start)[0], rt = barEdges(u, xs, r.end)[1];
    ctx.fillStyle = r.key > 0 ? 'rgba(27,138,58,0.75)' : 'rgba(123,47,191,0.75)';
    ctx.fillRect(l, top, Math.max(rt - l, PX), bottom - top);
  });
  ctx.restore();
}
`;
