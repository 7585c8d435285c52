import { escapeHtml as h } from './report-format';

/** One parameter: its dotted path under its group, and its value as text. */
export interface ParamRow {
  key: string;
  value: string;
}

/** A block of parameters: the top-level key of a nested object (its name), or '' for the plain values. */
export interface ParamGroup {
  name: string;
  rows: ParamRow[];
}

/**
 * Flattens a run's parameters into groups of dotted keys: top-level values together, then one
 * group per top-level object (a TradingGroup strategy has a dozen, nested a few levels). Arrays
 * of plain values are written inline, like `[0.3, 0.5]`.
 */
export function paramGroups(params: Record<string, unknown>): ParamGroup[] {
  const plain: ParamRow[] = [];
  const groups: ParamGroup[] = [];
  for (const [key, value] of Object.entries(params)) {
    if (isObject(value)) {
      const rows: ParamRow[] = [];
      flatten(value, '', rows);
      groups.push({ name: key, rows });
    } else {
      plain.push({ key, value: text(value) });
    }
  }
  return plain.length > 0 ? [{ name: '', rows: plain }, ...groups] : groups;
}

/**
 * The parameters as a compact table, folded by default when there are many (a summary line says
 * how many and names the groups); a handful of values show open.
 */
export function paramsHtml(params: Record<string, unknown> | null): string {
  if (!params) return '';
  const groups = paramGroups(params);
  const count = groups.reduce((n, g) => n + g.rows.length, 0);
  if (count === 0) return '';
  const tables = groups
    .map((g) => {
      const rows = g.rows.map((r) => `<tr><th scope="row">${h(r.key)}</th><td>${h(r.value)}</td></tr>`).join('');
      return `<table class="params-table">${g.name ? `<caption>${h(g.name)}</caption>` : ''}<tbody>${rows}</tbody></table>`;
    })
    .join('\n');
  const named = groups.filter((g) => g.name).map((g) => g.name);
  const summary = `Parameters: ${count} values${named.length > 0 ? ` in ${named.length} group${named.length === 1 ? '' : 's'} (${named.join(', ')})` : ''}`;
  return `<details class="params" id="params"${count <= 12 ? ' open' : ''}>
<summary>${h(summary)}</summary>
<div class="params-grid">
${tables}
</div>
</details>`;
}

function flatten(value: Record<string, unknown>, prefix: string, rows: ParamRow[]): void {
  for (const [key, v] of Object.entries(value)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (isObject(v)) flatten(v, path, rows);
    else rows.push({ key: path, value: text(v) });
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function text(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map((x) => (isObject(x) || Array.isArray(x) ? JSON.stringify(x) : String(x))).join(', ')}]`;
  return typeof v === 'string' ? v : String(v);
}
