import { canonicalize, canonicalNumber, stableJson, writeCanonical } from './canonical-json';

describe('stableJson', () => {
  it('sorts keys at every depth and pretty-prints them', () => {
    expect(stableJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: 'x' } })).toBe(
      '{\n  "a": {\n    "c": "x",\n    "d": [\n      3,\n      {\n        "y": 2,\n        "z": 1\n      }\n    ]\n  },\n  "b": 1\n}\n',
    );
  });

  it('writes numbers so that they read back to the identical float64', () => {
    const values = [0.1 + 0.2, 1 / 3, Math.PI * 1e-12, 123456789.12345679, Number.MAX_SAFE_INTEGER + 2, 5e-324];
    expect(JSON.parse(stableJson({ values })).values).toEqual(values);
  });

  it('honours toJSON and writes typed arrays as arrays', () => {
    expect(JSON.parse(stableJson({ when: new Date(Date.UTC(2020, 0, 2)), xs: new Float64Array([1.5, 2]) }))).toEqual({
      when: '2020-01-02T00:00:00.000Z',
      xs: [1.5, 2],
    });
  });
});

describe('canonicalize', () => {
  it('is independent of key order and drops undefined values', () => {
    expect(canonicalize({ b: [1, { d: 2, c: undefined }], a: 'x' })).toBe('{"a":"x","b":[1,{"d":2}]}');
    expect(canonicalize({ a: 'x', b: [1, { d: 2 }] })).toBe(canonicalize({ b: [1, { d: 2 }], a: 'x' }));
  });

  it('spells out NaN, infinities and negative zero so they differ from null and 0', () => {
    expect(canonicalize([NaN, Infinity, -Infinity, -0, 0, null, 'NaN'])).toBe('[NaN,Infinity,-Infinity,-0,0,null,"NaN"]');
  });
});

/** The serialisation as one recursive expression: what the writer must give, block by block. */
function plainCanonical(value: unknown): string {
  let v = value;
  if (v !== null && typeof v === 'object' && typeof (v as { toJSON?: unknown }).toJSON === 'function') v = (v as { toJSON(k: string): unknown }).toJSON('');
  if (ArrayBuffer.isView(v) && !(v instanceof DataView)) v = Array.from(v as unknown as ArrayLike<number>);
  if (typeof v === 'number') return canonicalNumber(v);
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  if (Array.isArray(v)) return `[${v.map((item) => plainCanonical(item ?? null)).join(',')}]`;
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o).sort().filter((k) => o[k] !== undefined && typeof o[k] !== 'function' && typeof o[k] !== 'symbol');
  return `{${keys.map((k) => `${JSON.stringify(k)}:${plainCanonical(o[k])}`).join(',')}}`;
}

describe('writeCanonical', () => {
  const orders = Array.from({ length: 20_000 }, (_, i) => ({
    id: i, side: i % 2 ? 'buy' : 'sell', price: 100 + i / 7, qty: i % 5 === 0 ? -0 : i, note: i % 3 ? '' : 'résumé 📈 "quoted"',
    ...(i % 4 === 0 && { limit: NaN }), tag: i % 7 === 0 ? undefined : 'x',
  }));
  const values: unknown[] = [
    orders,
    { b: [1, { d: 2, c: undefined }], a: 'x', f: () => 1, s: Symbol('s') },
    [{ a: 1, b: 2 }, { b: 2, a: 1 }, { a: 1 }, { b: 1, a: 2, c: [] }],
    // eslint-disable-next-line no-sparse-arrays
    [1, , 3, undefined, null],
    { when: new Date(Date.UTC(2020, 0, 2)), xs: new Float64Array([1.5, NaN, -0]), '\u2028': 'line\u2028sep' },
    Array.from({ length: 40 }, (_, i) => ({ [`k${i}`]: i, common: i })),
    // More distinct strings than are kept, strings around the longest kept, lone surrogates.
    Array.from({ length: 600 }, (_, i) => ({ name: `name ${i % 300}`, long: 'é'.repeat(60 + (i % 10)), lone: i % 2 ? '\ud800x' : 'ok', id: String(i) })),
    'text', 12.5, -0, NaN, null, undefined, true,
  ];

  it('gives, block by block, the text of the plain recursive serialisation', () => {
    for (const value of values) {
      const blocks: Buffer[] = [];
      writeCanonical(value, (block) => blocks.push(Buffer.from(block)));
      expect(Buffer.concat(blocks).toString('utf8')).toBe(plainCanonical(value));
      expect(canonicalize(value)).toBe(plainCanonical(value));
    }
  });

  it('hands a long text over in several blocks, none cut inside a character or a string', () => {
    const blocks: Buffer[] = [];
    writeCanonical(orders, (block) => blocks.push(Buffer.from(block)));
    expect(blocks.length).toBeGreaterThan(10);
    for (const block of blocks) {
      const text = block.toString('utf8');
      expect(Buffer.from(text, 'utf8').equals(block)).toBe(true);
      // Whole strings only: an even number of quotes once escapes are taken out.
      expect((text.replace(/\\./g, '').match(/"/g) ?? []).length % 2).toBe(0);
    }
  });
});
