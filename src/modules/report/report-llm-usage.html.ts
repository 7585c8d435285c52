import type { LlmUsageSummary } from '../llm/llm-usage';
import { escapeHtml as h, num } from './report-format';

/**
 * The language model's part in an llm run: per agent, the calls asked of the model and answered
 * from a record, HTTP requests, repairs, answers that never came, fallbacks to the analytic agent,
 * tokens, cost and mean latency. Empty for analytic runs.
 */
export function llmUsageHtml(u: LlmUsageSummary | undefined): string {
  if (!u) return '';
  const fallbacks = (n: number | null) => (n === null ? 'n/a' : num(n, 0));
  const row = (name: string, a: Omit<LlmUsageSummary['agents'][number], 'agent' | 'meanLatencyMs' | 'unavailable' | 'repairs'> & { meanLatencyMs?: number | null; unavailable?: number; repairs?: number }) =>
    `<tr><th scope="row">${h(name)}</th>${[a.liveCalls, a.recordedCalls, a.requests].map((x) => `<td class="num">${num(x, 0)}</td>`).join('')}` +
    `<td class="num">${a.repairs === undefined ? '' : num(a.repairs, 0)}</td><td class="num">${a.unavailable === undefined ? '' : num(a.unavailable, 0)}</td>` +
    `<td class="num">${fallbacks(a.fallbacks)}</td><td class="num">${num(a.promptTokens, 0)}</td><td class="num">${num(a.completionTokens, 0)}</td>` +
    `<td class="num">$${a.costUsd.toFixed(4)}</td><td class="num">${a.meanLatencyMs == null ? '–' : `${Math.round(a.meanLatencyMs)} ms`}</td></tr>`;
  return `<section id="llm-section">
<h2>Language model</h2>
<p class="caption">Calls asked of the model and answered from a record (a resumed run's own, or another run's with the cache on); HTTP requests include retries; a fallback is a decision that used the analytic agent's output because the model gave no valid answer (the reason is in the decision trace).</p>
<table class="metrics" id="llm-usage-table">
<thead><tr><th scope="col">Agent</th><th scope="col" class="num">Calls</th><th scope="col" class="num">Recorded</th><th scope="col" class="num">Requests</th><th scope="col" class="num">Repairs</th><th scope="col" class="num">No answer</th><th scope="col" class="num">Fallbacks</th><th scope="col" class="num">Prompt tokens</th><th scope="col" class="num">Answer tokens</th><th scope="col" class="num">Cost</th><th scope="col" class="num">Latency</th></tr></thead>
<tbody>
${u.agents.map((a) => row(a.agent, a)).join('\n')}
${row('all', u)}
</tbody>
</table>
</section>`;
}
