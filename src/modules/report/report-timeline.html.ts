import { escapeHtml as h, percent } from './report-format';
import { digestReflections, LessonChange } from './reflection-digest';
import type { TimelinePoint } from './report-view.model';

/** The agents' timeline: chart container, its key, the hovered entry's detail and the reflection notes. */
export function timelineHtml(points: readonly TimelinePoint[] | null): string {
  if (!points) return '';
  const counts = { BUY: 0, SELL: 0, HOLD: 0 };
  for (const p of points) counts[p.action]++;
  const forced = points.filter((p) => p.forced).length;
  const held = points.filter((p) => p.held !== 0).length;
  const shorts = points.some((p) => p.held < 0);
  return `<section id="timeline-section">
<h2>Agent timeline</h2>
<p class="caption">${points.length} decisions: ${counts.BUY} BUY, ${counts.SELL} SELL, ${counts.HOLD} HOLD${forced ? `, ${forced} forced by risk` : ''}${held ? `; a position held on ${held} of them` : ''}.
Background bands: the style agent's trading style; strip along the bottom: the position held. Lines: 10-bar exponential means of the decision score (the fused signal it compares with its thresholds) and of the news, report and forecast (P(up) − P(down)) scores, all on −1..1; markers: each BUY and SELL at its own score. Hover for every bar's own values.</p>
<div class="key">
<span><i class="band aggressive"></i>aggressive</span><span><i class="band balanced"></i>balanced</span><span><i class="band conservative"></i>conservative</span>
<span><i class="band held-long strip"></i>holding long</span>${shorts ? '<span><i class="band held-short strip"></i>holding short</span>' : ''}
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
  const digest = digestReflections(notes.map((p) => p.reflection!));
  const items = notes.map((p, k) => {
    const note = digest.notes[k];
    const head =
      `<span class="date">${h(p.date)}</span> <span class="pill style-${h(p.style)}">${h(p.style)}</span> ` +
      `<span class="pill act-${h(p.action)}">${h(p.action)} ${h(percent(p.confidence, 0))}</span>` +
      (p.forced ? ` <span class="pill forced">forced: ${h(p.forced)}</span>` : '') +
      (note.context.length > 0 && note.lessons.length > 0 ? ` <span class="context">${h(note.context.join('; '))}</span>` : '');
    // A note without lessons is shown as it is; a note with lessons shows what changed, its text folded.
    if (note.lessons.length === 0) return `<li>${head}<div class="text">${h(p.reflection)}</div></li>`;
    const changes = note.changes.length === 0 ? '<span class="same">no lesson changed its verdict</span>' : note.changes.map(changeHtml).join('');
    return `<li>${head}<div class="changes">${changes}</div><details><summary>full note</summary><div class="text">${h(p.reflection)}</div></details></li>`;
  });
  const lessons = digest.tally.length === 0 ? '' : `<table class="metrics" id="reflection-lessons">
<caption>Lessons over the run: how many notes found each one worked or failed</caption>
<thead><tr><th scope="col">Lesson</th><th scope="col" class="num">Worked</th><th scope="col" class="num">Failed</th><th scope="col" class="num">Changes of verdict</th><th scope="col">Last note</th></tr></thead>
<tbody>
${digest.tally.map((t) => `<tr><th scope="row">${h(t.name)}</th><td class="num">${t.worked}</td><td class="num">${t.failed}</td><td class="num">${t.flips}</td><td><span class="verdict-${t.last.verdict}">${t.last.verdict}</span>: ${h(t.last.detail)}</td></tr>`).join('\n')}
</tbody>
</table>`;
  const structured = digest.notes.some((n) => n.lessons.length > 0);
  const list = `<ol class="reflections" id="reflections">
${items.join('\n')}
</ol>`;
  if (!structured) return `<h3>Reflection notes (${notes.length})</h3>
${list}`;
  const flips = digest.notes.reduce((n, note) => n + note.changes.filter((c) => c.kind === 'flipped').length, 0);
  return `<h3>Reflection notes (${notes.length})</h3>
<p class="caption">Each note sums up the labelled cases the reflection read. The table counts each lesson over the notes. The list, folded, gives for every note only what changed since the note before: lessons whose verdict changed, that appeared or that were dropped (each note's full text is folded under it).</p>
${lessons}
<details class="reflection-list" id="reflection-list"><summary>Every note with its changes (${notes.length} notes, ${flips} changes of verdict)</summary>
${list}
</details>`;
}

function changeHtml(c: LessonChange): string {
  if (c.kind === 'dropped') return `<span class="change dropped">dropped: ${h(c.name)} (was ${c.from})</span>`;
  const verdict = `<span class="verdict-${c.to}">${c.to}</span>`;
  const what = c.kind === 'flipped' ? `${c.from} → ${verdict}` : `new, ${verdict}`;
  return `<span class="change ${c.kind}">${h(c.name)}: ${what} (${h(c.detail)})</span>`;
}
