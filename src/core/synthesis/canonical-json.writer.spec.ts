import { canonicalJson } from './canonical-json.writer';

describe('canonicalJson', () => {
  it('sorts object keys at every depth', () => {
    expect(canonicalJson({ b: 1, a: { d: [{ z: 1, y: 2 }], c: true } })).toBe('{"a":{"c":true,"d":[{"y":2,"z":1}]},"b":1}');
  });

  it('gives the same text whatever order the keys were inserted in', () => {
    expect(canonicalJson({ x: 1, y: { p: 'a', q: null } })).toBe(canonicalJson({ y: { q: null, p: 'a' }, x: 1 }));
  });

  it('writes non-finite numbers as null, -0 as 0, and leaves undefined members out', () => {
    expect(canonicalJson({ a: NaN, b: Infinity, c: -0, d: undefined, e: [undefined] })).toBe('{"a":null,"b":null,"c":0,"e":[null]}');
  });

  it('escapes strings as JSON does', () => {
    expect(canonicalJson({ s: 'line\n"quoted" →' })).toBe('{"s":"line\\n\\"quoted\\" →"}');
  });
});
