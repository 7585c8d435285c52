/**
 * The `/ui/paper` page: one self-contained HTML document (its script and styles inline, nothing
 * fetched but the API's own JSON) that lists the sessions with their equity, positions, newest
 * bar, last and next tick, and reads them again every few seconds (`?refresh=<ms>`, at least 250).
 */
export function renderPaperPage(): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'">
<title>Paper sessions — TradingGroup</title>
<style>${CSS}</style>
</head>
<body>
<header><h1>Paper sessions</h1><p id="status" role="status">loading…</p></header>
<main>
<table id="sessions">
<thead><tr><th>Session</th><th>Status</th><th>Strategy</th><th>Feed</th><th class="num">Equity</th><th>Positions</th><th>Last bar</th><th>Last tick</th><th>Next tick</th></tr></thead>
<tbody></tbody>
</table>
<p id="empty" hidden>No paper sessions yet: start one with <code>tradinggroup paper start</code> or <code>POST /paper-sessions</code>.</p>
</main>
<script>${SCRIPT}</script>
</body>
</html>
`;
}

const CSS = `
body{font:14px/1.4 system-ui,sans-serif;margin:0;color:#1d2433;background:#f6f7f9}
header{padding:16px 24px;background:#fff;border-bottom:1px solid #dde1e8;display:flex;gap:24px;align-items:baseline}
h1{font-size:20px;margin:0}
#status{margin:0;color:#5b6475}
main{padding:16px 24px}
table{border-collapse:collapse;width:100%;background:#fff;border:1px solid #dde1e8}
th,td{padding:6px 10px;border-bottom:1px solid #eceef2;text-align:left;vertical-align:top}
th{background:#f0f2f5;font-weight:600}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
.st{font-weight:600}.st-active{color:#137333}.st-paused{color:#b06000}.st-failed{color:#c5221f}.st-done,.st-stopped{color:#5b6475}
.note{color:#5b6475;font-size:12px}
.gain{color:#137333}.loss{color:#c5221f}
`;

const SCRIPT = `
(function () {
  var params = new URLSearchParams(location.search);
  var refresh = Math.max(250, Number(params.get('refresh')) || 5000);
  var body = document.querySelector('#sessions tbody');
  var statusLine = document.getElementById('status');
  var money = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  function text(tag, content, cls) {
    var el = document.createElement(tag);
    el.textContent = content;
    if (cls) el.className = cls;
    return el;
  }
  function time(iso) { return iso ? iso.slice(0, 19).replace('T', ' ') + ' UTC' : '–'; }
  function getJson(url) {
    return fetch(url, { headers: { accept: 'application/json' } }).then(function (r) {
      if (!r.ok) throw new Error(url + ': HTTP ' + r.status);
      return r.json();
    });
  }
  function row(s, positions) {
    var tr = document.createElement('tr');
    tr.dataset.id = s.id;
    var id = text('td', s.id);
    id.appendChild(document.createElement('br'));
    id.appendChild(text('span', s.symbols.join(', ') + ' · ' + s.schedule, 'note'));
    tr.appendChild(id);
    var st = text('td', s.status, 'st st-' + s.status);
    if (s.statusReason) { st.appendChild(document.createElement('br')); st.appendChild(text('span', s.statusReason, 'note')); }
    tr.appendChild(st);
    tr.appendChild(text('td', s.strategy + (s.mode === 'llm' ? ' (llm)' : '')));
    tr.appendChild(text('td', s.feed + ' · ' + s.broker));
    var equity = s.equity === null ? s.cash : s.equity;
    var eq = text('td', money.format(equity), 'num equity ' + (equity > s.cash ? 'gain' : equity < s.cash ? 'loss' : ''));
    tr.appendChild(eq);
    var pos = document.createElement('td');
    pos.className = 'positions';
    if (positions.length === 0) pos.textContent = '–';
    positions.forEach(function (p, i) {
      if (i > 0) pos.appendChild(document.createElement('br'));
      pos.appendChild(document.createTextNode(p.symbol + ' ' + p.quantity + (p.quantity !== 0 && p.avgPrice !== null ? ' @ ' + money.format(p.avgPrice) : '') + ' · cash ' + money.format(p.cash)));
    });
    tr.appendChild(pos);
    tr.appendChild(text('td', (s.lastBar || '–') + ' (' + s.barsProcessed + ' bars)', 'last-bar'));
    var last = text('td', time(s.lastTickAt) + (s.lastTickOutcome ? ' ' + s.lastTickOutcome : ''), 'last-tick');
    if (s.lastTickNote) { last.appendChild(document.createElement('br')); last.appendChild(text('span', s.lastTickNote, 'note')); }
    tr.appendChild(last);
    tr.appendChild(text('td', time(s.nextTickAt), 'next-tick'));
    return tr;
  }
  function load() {
    getJson('/paper-sessions').then(function (sessions) {
      return Promise.all(sessions.map(function (s) { return getJson('/paper-sessions/' + encodeURIComponent(s.id) + '/positions'); })).then(function (positions) {
        var rows = sessions.map(function (s, i) { return row(s, positions[i]); });
        body.replaceChildren.apply(body, rows);
        document.getElementById('empty').hidden = sessions.length > 0;
        statusLine.textContent = sessions.length + ' session' + (sessions.length === 1 ? '' : 's') + ' · updated ' + new Date().toISOString().slice(11, 19) + ' UTC · every ' + refresh / 1000 + ' s';
      });
    }).catch(function (e) {
      statusLine.textContent = 'could not update: ' + e.message + ' (retrying)';
    }).then(function () { setTimeout(load, refresh); });
  }
  load();
})();
`;
