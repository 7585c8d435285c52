/** Escaping and number formatting for the server-rendered parts of the report. */
import { groupedFixed } from './grouped-number';

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

const NEEDS_ESCAPE = /[&<>"']/;

/** Escapes text for HTML content and quoted attribute values. */
export function escapeHtml(value: unknown): string {
  const text = String(value ?? '');
  // Most of a report's cells are numbers and dates: nothing to replace.
  return NEEDS_ESCAPE.test(text) ? text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]) : text;
}

/**
 * JSON safe to embed in a `<script type="application/json">` element: `<`, `>`, `&` and the
 * JavaScript line separators are written as \u escapes, so no `</script>` or `<!--` can appear.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Makes third-party script or style text safe to inline: no closing tag of its element can appear. */
export function inlineSafe(text: string, element: 'script' | 'style'): string {
  return text.replace(new RegExp(`</(${element})`, 'gi'), '<\\/$1');
}

const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const DASH = '–';

/** 1234.5 → "$1,234.50"; negative → "−$1,234.50". */
export function money(v: unknown): string {
  if (!isNum(v)) return DASH;
  const s = groupedFixed(Math.abs(v), 2);
  return `${v < 0 ? '−' : ''}$${s}`;
}

/** Signed money: "+$12.00" / "−$12.00". */
export function signedMoney(v: unknown): string {
  if (!isNum(v)) return DASH;
  return v > 0 ? `+${money(v)}` : money(v);
}

/** A fraction as a percent: 0.1234 → "12.34%". */
export function percent(v: unknown, digits = 2): string {
  if (!isNum(v)) return DASH;
  const s = (v * 100).toFixed(digits);
  return `${s.startsWith('-') ? '−' + s.slice(1) : s}%`;
}

/** A value already in percent units: 12.34 → "12.34%". */
export function percentUnits(v: unknown, digits = 2): string {
  return isNum(v) ? percent(v / 100, digits) : DASH;
}

/** A plain number with fixed decimals and thousands separators. */
export function num(v: unknown, digits = 2): string {
  if (!isNum(v)) return DASH;
  const s = groupedFixed(Math.abs(v), digits);
  return `${v < 0 ? '−' : ''}${s}`;
}

/** A share quantity: integer without decimals, fractional with up to 4. */
export function shares(v: unknown): string {
  if (!isNum(v)) return DASH;
  return Number.isInteger(v) ? num(v, 0) : num(v, 4);
}

/** Sort key for a table cell's `data-v`: the number, or '' for a missing value. */
export function sortKey(v: unknown): string {
  return isNum(v) ? String(v) : '';
}

const ADJUST_TEXT: Record<string, string> = { none: 'unadjusted', splits: 'split-adjusted', total: 'total-return adjusted' };

/** The price adjustment in words (`total` → "total-return adjusted"). */
export function adjustText(adjust: string): string {
  return ADJUST_TEXT[adjust] ?? adjust;
}
