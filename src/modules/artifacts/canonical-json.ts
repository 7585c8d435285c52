import { NUMBER_ASCII_MAX_BYTES, writeNumberAscii } from './number-ascii';

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
  const blocks: Buffer[] = [];
  writeCanonical(value, (block) => blocks.push(Buffer.from(block)));
  // The text is well-formed (JSON.stringify escapes lone surrogates), so its UTF-8 reads back to it.
  return Buffer.concat(blocks).toString('utf8');
}

/**
 * Hands the UTF-8 bytes of `canonicalize(value)` to `emit` a block at a time, written straight
 * into one buffer (numbers as ASCII, no string per value): a hash reads the orders of a long
 * run without their text ever being made. A block is only valid during the call.
 */
export function writeCanonical(value: unknown, emit: (block: Uint8Array) => void): void {
  const writer = new CanonicalWriter(emit);
  writer.write(value);
  writer.flush();
}

/** Bytes gathered before they are handed on. */
const CANONICAL_BLOCK_BYTES = 1 << 16;
/** Object shapes (key lists) whose sorted keys are kept: records of one kind share one. */
const KEPT_SHAPES = 16;
const MINUS = 45;
/** Strings whose JSON bytes are kept, and the longest kept. */
const KEPT_STRINGS = 256;
const KEPT_STRING_LENGTH = 64;

interface Shape {
  keys: string[];
  /** The keys in sorted order, each with the UTF-8 of its quoted form and the colon. */
  sorted: Array<{ key: string; prefix: Buffer }>;
}

class CanonicalWriter {
  private block = Buffer.allocUnsafe(CANONICAL_BLOCK_BYTES);
  private at = 0;
  private readonly shapes: Shape[] = [];
  private readonly strings = new Map<string, Buffer>();

  constructor(private readonly emit: (block: Uint8Array) => void) {}

  write(value: unknown): void {
    const v = resolveJson(value, '');
    if (typeof v === 'number') this.number(v);
    else if (typeof v === 'string') this.string(v);
    else if (v === null || typeof v !== 'object') this.text(JSON.stringify(v) ?? 'null');
    else if (Array.isArray(v)) this.array(v);
    else this.object(v as Record<string, unknown>);
  }

  flush(): void {
    if (this.at > 0) this.emit(this.block.subarray(0, this.at));
    this.at = 0;
  }

  /** Room for `bytes` more: the block is handed on first when they might not fit. */
  private room(bytes: number): void {
    if (this.at + bytes <= this.block.length) return;
    this.flush();
    if (bytes > this.block.length) this.block = Buffer.allocUnsafe(bytes);
  }

  private byte(c: number): void {
    this.room(1);
    this.block[this.at++] = c;
  }

  private number(n: number): void {
    this.room(NUMBER_ASCII_MAX_BYTES + 1);
    if (Object.is(n, -0)) {
      this.block[this.at++] = MINUS;
      this.block[this.at++] = 48;
    } else {
      this.at = writeNumberAscii(this.block, this.at, n);
    }
  }

  /** A string as JSON writes it. Records repeat their short texts (a side, a status, a reason): their bytes are kept. */
  private string(s: string): void {
    let bytes = this.strings.get(s);
    if (bytes === undefined) {
      const json = JSON.stringify(s);
      if (s.length > KEPT_STRING_LENGTH || this.strings.size >= KEPT_STRINGS) return this.text(json);
      bytes = Buffer.from(json, 'utf8');
      this.strings.set(s, bytes);
    }
    this.bytes(bytes);
  }

  private text(s: string): void {
    this.room(3 * s.length);
    this.at += this.block.write(s, this.at, 'utf8');
  }

  private bytes(b: Uint8Array): void {
    this.room(b.length);
    // A key or a short text: a loop costs less than a copy call.
    const { block } = this;
    let at = this.at;
    for (let i = 0; i < b.length; i++) block[at++] = b[i];
    this.at = at;
  }

  private array(v: unknown[]): void {
    this.byte(0x5b);
    for (let i = 0; i < v.length; i++) {
      if (i > 0) this.byte(0x2c);
      // A hole stays empty, as Array.prototype.map and join leave it.
      if (v[i] === undefined && !(i in v)) continue;
      this.write(v[i] ?? null);
    }
    this.byte(0x5d);
  }

  private object(v: Record<string, unknown>): void {
    this.byte(0x7b);
    let first = true;
    for (const { key, prefix } of this.shapeOf(Object.keys(v)).sorted) {
      const item = v[key];
      if (!isSerialisable(item)) continue;
      if (!first) this.byte(0x2c);
      first = false;
      this.bytes(prefix);
      this.write(item);
    }
    this.byte(0x7d);
  }

  private shapeOf(keys: string[]): Shape {
    for (const shape of this.shapes) if (sameKeys(shape.keys, keys)) return shape;
    const shape = { keys, sorted: [...keys].sort().map((key) => ({ key, prefix: Buffer.from(`${JSON.stringify(key)}:`, 'utf8') })) };
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
