import { canonicalize, stableJson } from './canonical-json';

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
