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
  let text = '';
  writeCanonical(value, (block) => (text += block));
  return text;
}

/**
 * Hands `canonicalize(value)` to `emit` a block of text at a time (cut between tokens only, so a
 * block is never cut inside a string): a hash can read the orders of a long run without the
 * whole text ever being one string.
 */
export function writeCanonical(value: unknown, emit: (block: string) => void): void {
  const writer = new CanonicalWriter(emit);
  writer.write(value);
  writer.flush();
}

/** Text gathered before it is handed on. */
const CANONICAL_BLOCK_CHARS = 1 << 16;
/** Object shapes (key lists) whose sorted keys are kept: records of one kind share one. */
const KEPT_SHAPES = 16;

interface Shape {
  keys: string[];
  /** The keys in sorted order, each with its quoted form and the colon. */
  sorted: Array<{ key: string; prefix: string }>;
}

class CanonicalWriter {
  private text = '';
  private readonly shapes: Shape[] = [];

  constructor(private readonly emit: (block: string) => void) {}

  write(value: unknown): void {
    const v = resolveJson(value, '');
    if (typeof v === 'number') this.text += canonicalNumber(v);
    else if (v === null || typeof v !== 'object') this.text += JSON.stringify(v) ?? 'null';
    else if (Array.isArray(v)) this.array(v);
    else this.object(v as Record<string, unknown>);
    if (this.text.length >= CANONICAL_BLOCK_CHARS) this.flush();
  }

  flush(): void {
    if (this.text.length > 0) this.emit(this.text);
    this.text = '';
  }

  private array(v: unknown[]): void {
    this.text += '[';
    for (let i = 0; i < v.length; i++) {
      if (i > 0) this.text += ',';
      // A hole stays empty, as Array.prototype.map and join leave it.
      if (v[i] === undefined && !(i in v)) continue;
      this.write(v[i] ?? null);
    }
    this.text += ']';
  }

  private object(v: Record<string, unknown>): void {
    this.text += '{';
    let first = true;
    for (const { key, prefix } of this.shapeOf(Object.keys(v)).sorted) {
      const item = v[key];
      if (!isSerialisable(item)) continue;
      if (!first) this.text += ',';
      first = false;
      this.text += prefix;
      this.write(item);
    }
    this.text += '}';
  }

  private shapeOf(keys: string[]): Shape {
    for (const shape of this.shapes) if (sameKeys(shape.keys, keys)) return shape;
    const shape = { keys, sorted: [...keys].sort().map((key) => ({ key, prefix: `${JSON.stringify(key)}:` })) };
    if (this.shapes.length < KEPT_SHAPES) this.shapes.push(shape);
    return shape;
  }
}

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
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
