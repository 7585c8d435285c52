/** The report's own stylesheet (uPlot's is inlined beside it). Dark text on a light page. */
export const REPORT_CSS = `
:root { --fg: #1d2330; --muted: #5b6475; --line: #d9dee7; --bg: #ffffff; --panel: #f6f8fb;
  --green: #1b8a3a; --red: #c62828; --purple: #7b2fbf; --blue: #1f5fbf; }
* { box-sizing: border-box; }
html { background: var(--bg); color: var(--fg); }
body { margin: 0 auto; max-width: 1280px; padding: 24px 28px 48px; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
h1 { font-size: 24px; margin: 0 0 12px; }
h1 .sub { color: var(--muted); font-weight: 400; font-size: 18px; margin-left: 8px; }
h2 { font-size: 18px; margin: 32px 0 6px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
h3 { font-size: 15px; margin: 18px 0 6px; }
.mono, .hash { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12.5px; }
.hash { word-break: break-all; }
.facts { display: grid; grid-template-columns: repeat(auto-fill, minmax(230px, 1fr)); gap: 6px 18px; margin: 0;
  padding: 12px 14px; background: var(--panel); border: 1px solid var(--line); border-radius: 6px; }
.facts div { min-width: 0; }
.facts dt { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .03em; }
.facts dd { margin: 0; overflow-wrap: anywhere; }
.params { margin: 8px 0 0; border: 1px solid var(--line); border-radius: 6px; padding: 6px 14px; }
.params summary { cursor: pointer; color: var(--muted); font-size: 13px; }
.params-grid { display: flex; flex-wrap: wrap; gap: 8px 28px; align-items: flex-start; margin: 6px 0 4px; }
.params-table { font-size: 12.5px; }
.params-table caption { text-align: left; font-weight: 600; padding: 0 0 2px; }
.params-table th { font-weight: 400; color: var(--muted); padding: 1px 10px 1px 0; }
.params-table td { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; padding: 1px 0; }
.headline { display: grid; grid-template-columns: repeat(auto-fill, minmax(170px, 1fr)); gap: 10px; margin: 14px 0 0; }
.headline > div { padding: 8px 12px; border: 1px solid var(--line); border-radius: 6px; }
.headline .k { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .03em; }
.headline .v { font-size: 21px; font-weight: 600; font-variant-numeric: tabular-nums; }
.headline .vs { color: var(--muted); font-size: 12.5px; }
.status-done { color: var(--green); font-weight: 600; }
.status-failed, .status-cancelled { color: var(--red); font-weight: 600; }
.notes { margin: 16px 0 0; padding: 10px 16px; background: #fff7d6; border: 1px solid #e8c64a; border-left: 6px solid #d9a400; border-radius: 6px; }
.notes h2 { margin: 0 0 4px; border: 0; font-size: 16px; }
.notes ul { margin: 0; padding-left: 20px; }
.caption { color: var(--muted); margin: 4px 0 8px; font-size: 13px; }
.chart { width: 100%; min-height: 60px; position: relative; }
.chart-error { color: var(--red); font-weight: 600; padding: 12px; border: 1px solid var(--red); }
.key { display: flex; flex-wrap: wrap; gap: 6px 18px; font-size: 13px; margin: 4px 0 6px; color: var(--fg); }
.key span { display: inline-flex; align-items: center; gap: 5px; }
.key .band { display: inline-block; width: 18px; height: 12px; border: 1px solid #9aa3b2; }
.band.aggressive { background: #f9d3cc; } .band.balanced { background: #d9e5f7; } .band.conservative { background: #d3eedc; }
.band.held-long { background: rgba(27,138,58,.13); } .band.held-short { background: rgba(123,47,191,.13); }
.band.held-long.strip { background: rgba(27,138,58,.75); } .band.held-short.strip { background: rgba(123,47,191,.75); }
.tri { font-size: 14px; line-height: 1; }
.tri.long-entry, .tri.buy { color: var(--green); } .tri.exit, .tri.sell { color: var(--red); } .tri.short-entry { color: var(--purple); }
.ring { color: #111; font-size: 15px; } .refl { color: #b26a00; }
.info { min-height: 1.45em; margin: 4px 0 0; font-size: 13px; color: var(--fg); font-variant-numeric: tabular-nums; }
table { border-collapse: collapse; font-variant-numeric: tabular-nums; }
th, td { padding: 4px 8px; border-bottom: 1px solid var(--line); text-align: left; white-space: nowrap; }
thead th { background: var(--panel); font-weight: 600; }
.table-scroll thead th { position: sticky; top: 0; z-index: 1; }
tbody tr:nth-child(even) { background: #fafbfd; }
.num { text-align: right; }
.unit { color: var(--muted); font-size: 12.5px; }
.pos { color: var(--green); } .neg { color: var(--red); }
.dir-short { color: var(--purple); font-weight: 600; }
.metrics-grid { display: flex; flex-wrap: wrap; gap: 16px 40px; align-items: flex-start; }
.metrics-grid > div { max-width: 100%; }
table.metrics caption { text-align: left; font-weight: 600; padding: 0 0 6px; }
.table-scroll { max-height: 560px; overflow: auto; border: 1px solid var(--line); border-radius: 4px; }
table.trades { width: 100%; }
th.sortable { cursor: pointer; user-select: none; }
th.sortable::after { content: " ↕"; color: #a0a8b6; font-size: 11px; }
th.sortable[aria-sort="ascending"]::after { content: " ▲"; color: var(--fg); }
th.sortable[aria-sort="descending"]::after { content: " ▼"; color: var(--fg); }
tr.empty td { color: var(--muted); font-style: italic; }
.reflections { padding-left: 24px; }
.reflections .date { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 12.5px; }
.reflections .text { margin-top: 2px; white-space: pre-wrap; }
.reflections li { margin: 0 0 4px; }
.reflections .context { color: var(--muted); font-size: 12.5px; }
.reflections .changes { display: flex; flex-wrap: wrap; gap: 2px 14px; font-size: 13px; }
.reflections .same { color: var(--muted); font-size: 12.5px; }
.reflections details summary { cursor: pointer; color: var(--muted); font-size: 12px; }
.change.dropped { color: var(--muted); }
.verdict-worked { color: var(--green); font-weight: 600; } .verdict-failed { color: var(--red); font-weight: 600; }
#reflection-lessons td { white-space: normal; }
.reflection-list { margin: 8px 0 0; } .reflection-list > summary { cursor: pointer; color: var(--muted); font-size: 13px; }
.pill { display: inline-block; padding: 0 7px; border-radius: 9px; font-size: 12px; border: 1px solid #c3cad6; }
.style-aggressive { background: #f9d3cc; } .style-balanced { background: #d9e5f7; } .style-conservative { background: #d3eedc; }
.act-BUY { color: var(--green); } .act-SELL { color: var(--red); } .act-HOLD { color: var(--muted); }
.forced { background: #222; color: #fff; border-color: #222; }
footer { margin-top: 36px; color: var(--muted); font-size: 12px; }
.u-legend { font-size: 13px; text-align: left; margin-top: 2px; }
.u-legend .u-marker { width: 14px; height: 4px; }
.u-title { font-size: 15px; }
noscript p { color: var(--red); }
`;
