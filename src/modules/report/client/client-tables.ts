/**
 * Browser code of the report, part 4: sortable table headers and the entry point.
 * See client-common.ts for the rules of this text.
 */
export const CLIENT_TABLES = String.raw`
function sortTable(table, th) {
  var col = Number(th.getAttribute('data-col'));
  var numeric = th.getAttribute('data-type') === 'num';
  var dir = th.getAttribute('aria-sort') === 'ascending' ? -1 : 1;
  table.querySelectorAll('th.sortable').forEach(function (o) { o.removeAttribute('aria-sort'); });
  th.setAttribute('aria-sort', dir === 1 ? 'ascending' : 'descending');
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows).filter(function (r) { return !r.classList.contains('empty'); });
  var keyed = rows.map(function (r, i) { return { r: r, i: i, v: r.cells[col].getAttribute('data-v') || '' }; });
  keyed.sort(function (a, b) {
    if (a.v === '' || b.v === '') return (a.v === '') - (b.v === '') || a.i - b.i;
    var c = numeric ? Number(a.v) - Number(b.v) : a.v.localeCompare(b.v);
    return c * dir || a.i - b.i;
  });
  keyed.forEach(function (k) { body.appendChild(k.r); });
}

function initTables() {
  document.querySelectorAll('table').forEach(function (table) {
    table.querySelectorAll('th.sortable').forEach(function (th) {
      var go = function () { sortTable(table, th); };
      th.addEventListener('click', go);
      th.addEventListener('keydown', function (e) { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); go(); } });
    });
  });
  var count = function (id) {
    var t = document.getElementById(id);
    return t ? t.querySelectorAll('tbody tr:not(.empty)').length : null;
  };
  STATS.tables = { trades: count('trades-table'), metrics: count('metrics-table'), finsaber: count('finsaber-table') };
}

function main() {
  initTables();
  if (D.t.length > 0) {
    drawEquity();
    drawDrawdown();
    drawPrice();
    drawTimeline();
  } else {
    ['chart-equity', 'chart-drawdown', 'chart-price', 'chart-timeline'].forEach(function (id) { setText(id, 'No bars to chart.'); });
  }
  allCreated = true;
  checkReady();
}

main();
`;
