/**
 * Browser code of the report, part 2: the equity, drawdown and price charts.
 * See client-common.ts for the rules of this text.
 */
export const CLIENT_CHARTS = String.raw`
function countFinite(arr) { var n = 0; for (var i = 0; i < arr.length; i++) if (isNum(arr[i])) n++; return n; }

function drawEquity() {
  var u = addChart('chart-equity', {
    height: 340,
    scales: { x: { time: true } },
    series: [
      dateSeries(D.t),
      { label: 'Strategy equity', stroke: C.equity, width: 2, value: legendValue(money, D.equity) },
      { label: 'Buy & hold (initial cash \u00d7 close / first close)', stroke: C.bench, width: 1.5, dash: [7, 4], value: legendValue(money, D.benchmark) }
    ],
    axes: [xAxis(), yAxis(moneyAxis)]
  }, [D.t, D.equity, D.benchmark]);
  if (u) STATS.charts.equity = { series: 2, points: D.t.length, drawnPoints: [countFinite(D.equity), countFinite(D.benchmark)] };
}

function drawDrawdown() {
  var u = addChart('chart-drawdown', {
    height: 210,
    scales: { x: { time: true }, y: { range: function (u, min, max) { return [Math.min(isNum(min) ? min : 0, -0.01) * 1.08, 0]; } } },
    series: [
      dateSeries(D.t),
      { label: 'Strategy drawdown', stroke: C.dd, width: 1.5, fill: C.ddFill, fillTo: 0, value: legendValue(pct, D.drawdown) },
      { label: 'Buy & hold drawdown', stroke: C.bench, width: 1.25, dash: [7, 4], value: legendValue(pct, D.benchmarkDrawdown) }
    ],
    axes: [xAxis(), yAxis(pctAxis)]
  }, [D.t, D.drawdown, D.benchmarkDrawdown]);
  if (u) STATS.charts.drawdown = { series: 2, points: D.t.length, drawnPoints: [countFinite(D.drawdown), countFinite(D.benchmarkDrawdown)] };
}

function markerColor(m) { return m.kind === 'exit' ? C.red : m.direction === 'short' ? C.purple : C.green; }
/** Buys point up (long entry, short cover), sells point down (long exit, short entry). */
function markerUp(m) { return (m.kind === 'entry') === (m.direction === 'long'); }

function describeMarker(m) {
  var head = m.kind === 'entry'
    ? (m.trade > 0 ? 'trade #' + m.trade + ' ' : 'open position: ') + m.direction + ' entry, ' + fixed(m.qty, 0) + ' sh @ ' + money(m.price) + (m.approximate ? ' (close; fill unknown)' : '')
    : 'trade #' + m.trade + ' ' + m.direction + ' exit @ ' + money(m.price) + ' (' + m.reason + '), P&L ' + signedMoney(m.pnl) + ' (' + signedPct(m.returnPct) + ')';
  return m.date + ': ' + head;
}

function drawPrice() {
  var markers = D.markers;
  var posRuns = runsOf(D.position.map(function (q) { return q > 0 ? 1 : q < 0 ? -1 : 0; }));
  var mLo = Infinity, mHi = -Infinity;
  markers.forEach(function (m) { if (isNum(m.price)) { mLo = Math.min(mLo, m.price); mHi = Math.max(mHi, m.price); } });
  var stats = { series: 1, points: D.t.length, markers: 0, markersInData: markers.length, drawnPoints: [countFinite(D.close)] };
  var u = addChart('chart-price', {
    height: 380,
    scales: {
      x: { time: true },
      y: { range: function (u, min, max) {
        var lo = Math.min(min, mLo), hi = Math.max(max, mHi);
        if (!isNum(lo) || !isNum(hi)) return [0, 1];
        var pad = (hi - lo) * 0.06 || Math.abs(hi) * 0.05 || 1;
        return [lo - pad, hi + pad];
      } }
    },
    series: [
      dateSeries(D.t),
      { label: D.priceLabel, stroke: C.price, width: 1.4, value: legendValue(money, D.close) }
    ],
    axes: [xAxis(), yAxis(moneyAxis)],
    hooks: {
      drawClear: [function (u) {
        drawBands(u, D.t, posRuns, function (k) { return k > 0 ? C.heldLong : k < 0 ? C.heldShort : null; });
      }],
      draw: [function (u) {
        var ctx = u.ctx, n = 0, stacked = {};
        ctx.save();
        ctx.setLineDash([]);
        markers.forEach(function (m) {
          var x = u.valToPos(D.t[m.index], 'x', true), y = u.valToPos(m.price, 'y', true);
          if (!inPlot(u, x, y)) return;
          var up = markerUp(m), slot = m.index + (up ? 'u' : 'd');
          stacked[slot] = (stacked[slot] || 0) + 1;
          triangle(ctx, x, y, up, markerColor(m), m.trade === 0, 6, stacked[slot] - 1);
          n++;
        });
        ctx.restore();
        stats.markers = n;
      }],
      setCursor: [function (u) { priceInfo(u); }]
    }
  }, [D.t, D.close]);
  if (u) STATS.charts.price = stats;

  function priceInfo(u) {
    var i = u.cursor.idx;
    if (i == null || !isNum(u.cursor.left) || u.cursor.left < 0) { setText('price-info', 'Hover over the chart to read the bar, the position held and the trades near the cursor.'); return; }
    var q = D.position[i];
    var held = q > 0 ? 'long ' + fixed(q, 0) + ' sh' : q < 0 ? 'short ' + fixed(-q, 0) + ' sh' : 'flat';
    var near = [];
    markers.forEach(function (m) {
      var x = u.valToPos(D.t[m.index], 'x');
      if (Math.abs(x - u.cursor.left) <= 8) near.push(describeMarker(m));
    });
    var text = isoOf(D.t[i]) + (D.tradingDay[i] ? '' : ' (calendar filler bar)') + ' \u00b7 close ' + money(D.close[i]) + ' \u00b7 ' + held;
    setText('price-info', near.length ? text + ' \u00b7 ' + near.join(' | ') : text);
  }
}
`;
