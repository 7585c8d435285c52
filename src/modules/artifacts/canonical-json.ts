/** JSON with a stable key order: for artifacts people read and for hashes that must be reproducible. */

/**
 * Pretty-printed JSON (2 spaces, trailing newline) with object keys sorted at every depth.
 * `toJSON` is honoured and typed arrays become arrays. Numbers keep their shortest round-trip
 * form, which is exact; NaN and ±Infinity become null as in `JSON.stringify`.
 */
export function stableJson(value: unknown): string {
  return `${JSON.stringify(sortedCopy(value), null, 2)}\n`;
}

/**
 * A compact, exact serialisation for hashing: keys sorted, numbers in shortest round-trip form
 * with `NaN`, `Infinity`, `-Infinity` and `-0` spelled out, so distinct values never collide.
 */
export function canonicalize(value: unknown): string {
  const v = resolveJson(value, '');
  if (typeof v === 'number') return canonicalNumber(v);
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  if (Array.isArray(v)) return `[${v.map((item) => canonicalize(item ?? null)).join(',')}]`;
  const entries = Object.keys(v)
    .sort()
    .filter((k) => isSerialisable((v as Record<string, unknown>)[k]))
    .map((k) => `${JSON.stringify(k)}:${canonicalize((v as Record<string, unknown>)[k])}`);
  return `{${entries.join(',')}}`;
}

/** A float64 as text that reads back to the identical value (including -0 and NaN). */
export function canonicalNumber(n: number): string {
  if (Object.is(n, -0)) return '-0';
  return String(n);
}

function sortedCopy(value: unknown, key = ''): unknown {
  const v = resolveJson(value, key);
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map((item, i) => sortedCopy(item, String(i)));
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v).sort()) out[k] = sortedCopy((v as Record<string, unknown>)[k], k);
  return out;
}

function resolveJson(value: unknown, key: string): unknown {
  let v = value;
  if (v !== null && typeof v === 'object' && typeof (v as { toJSON?: unknown }).toJSON === 'function') {
    v = (v as { toJSON(key: string): unknown }).toJSON(key);
  }
  if (ArrayBuffer.isView(v) && !(v instanceof DataView)) return Array.from(v as unknown as ArrayLike<number>);
  return v;
}

function isSerialisable(v: unknown): boolean {
  return v !== undefined && typeof v !== 'function' && typeof v !== 'symbol';
}
