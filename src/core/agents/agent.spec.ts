import { explained, ExplainedOutput, output, plainOutput } from './agent';

describe('outputs explained on demand', () => {
  it('write the rationale from the data once, when first read', () => {
    let written = 0;
    const out = explained('forecast', { p: 0.25 }, (d) => {
      written++;
      return `P ${d.p}`;
    });
    expect(written).toBe(0);
    expect(out.rationale).toBe('P 0.25');
    expect(out.rationale).toBe('P 0.25');
    expect(written).toBe(1);
  });

  it('serialise and copy as the plain output they stand for', () => {
    const provenance = [{ kind: 'bar' as const, ref: '2015-01-02', publishedAt: 1 }];
    const lazy = explained('style', { style: 'balanced' }, (d) => `${d.style}: no rule fired`, provenance, ['warmup']);
    const plain = output('style', { style: 'balanced' }, 'balanced: no rule fired', provenance, ['warmup']);
    expect(JSON.parse(JSON.stringify(lazy))).toEqual(plain);
    expect(plainOutput(lazy)).toEqual(plain);
    expect(plainOutput(lazy)).not.toBeInstanceOf(ExplainedOutput);
    // A structured clone keeps own fields only: the rationale must be written in first.
    expect(structuredClone(plainOutput(lazy))).toEqual(plain);
    expect(structuredClone(lazy)).not.toHaveProperty('rationale');
    expect(plainOutput(plain)).toBe(plain);
  });
});
