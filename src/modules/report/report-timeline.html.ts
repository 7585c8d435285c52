import { escapeHtml as h, percent } from './report-format';
import type { TimelinePoint } from './report-view.model';

/** The agents' timeline: chart container, its key, the hovered entry's detail and the reflection notes. */
export function timelineHtml(points: readonly TimelinePoint[] | null): string {
  if (!points) return '';
  const counts = { BUY: 0, SELL: 0, HOLD: 0 };
  for (const p of points) counts[p.action]++;
  const forced = points.filter((p) => p.forced).length;
  return `<section id="timeline-section">
<h2>Agent timeline</h2>
<p class="caption">${points.length} decisions: ${counts.BUY} BUY, ${counts.SELL} SELL, ${counts.HOLD} HOLD${forced ? `, ${forced} forced by risk` : ''}.
Background bands: the style agent's trading style. Line: the decision score (+confidence for BUY, −confidence for SELL, 0 for HOLD) with the news, report and forecast (P(up) − P(down)) scores; all on −1..1.</p>
<div class="key">
<span><i class="band aggressive"></i>aggressive</span><span><i class="band balanced"></i>balanced</span><span><i class="band conservative"></i>conservative</span>
<span><b class="tri up buy">▲</b>BUY</span><span><b class="tri down sell">▼</b>SELL</span><span><b class="ring">○</b>forced by risk</span><span><b class="refl">◆</b>reflection note</span>
</div>
<div class="chart" id="chart-timeline"></div>
<p class="info" id="timeline-info">Hover over the timeline to read the agents' outputs at a bar.</p>
${reflectionsHtml(points)}
</section>`;
}

function reflectionsHtml(points: readonly TimelinePoint[]): string {
  const notes = points.filter((p) => p.reflection && p.reflection.trim() !== '');
  if (notes.length === 0) return '<p class="caption" id="reflections-empty">No reflection notes were recorded.</p>';
  const items = notes.map((p) =>
    `<li><span class="date">${h(p.date)}</span> <span class="pill style-${h(p.style)}">${h(p.style)}</span> ` +
    `<span class="pill act-${h(p.action)}">${h(p.action)} ${h(percent(p.confidence, 0))}</span>` +
    (p.forced ? ` <span class="pill forced">forced: ${h(p.forced)}</span>` : '') +
    `<div class="text">${h(p.reflection)}</div></li>`).join('\n');
  return `<h3>Reflection notes (${notes.length})</h3>
<ol class="reflections" id="reflections">
${items}
</ol>`;
}
