import { validateJsonSchema } from './json-schema.validator';

const schema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  additionalProperties: false,
  required: ['kind', 'items', 'when'],
  properties: {
    kind: { enum: ['a', 'b'] },
    items: { type: 'array', prefixItems: [{ const: 'first' }, { type: 'integer', minimum: 0 }], items: false, minItems: 2 },
    when: { anyOf: [{ type: 'string', pattern: '^\\d{4}$' }, { type: 'null' }] },
    score: { $ref: '#/$defs/score' },
  },
  $defs: { score: { type: 'number', minimum: -1, maximum: 1, exclusiveMinimum: -1 } },
};

describe('validateJsonSchema', () => {
  it('accepts a value that matches', () => {
    expect(validateJsonSchema({ kind: 'a', items: ['first', 3], when: '2016', score: 0.5 }, schema)).toEqual([]);
    expect(validateJsonSchema({ kind: 'b', items: ['first', 0], when: null }, schema)).toEqual([]);
  });

  it('reports missing, extra and mistyped members with their JSON pointer', () => {
    const errors = validateJsonSchema({ kind: 'c', items: ['first', 1.5], extra: 1 }, schema);
    expect(errors).toEqual(
      expect.arrayContaining([
        '/: missing "when"',
        '/kind: must be one of ["a","b"]',
        '/items/1: expected integer, got number',
        '/extra: no value is allowed here',
      ]),
    );
  });

  it('checks prefix items, extra items and minimum length', () => {
    expect(validateJsonSchema({ kind: 'a', items: ['second'], when: null }, schema)).toEqual(['/items: fewer than 2 items', '/items/0: must be "first"']);
    expect(validateJsonSchema({ kind: 'a', items: ['first', 1, 2], when: null }, schema)).toEqual(['/items/2: no value is allowed here']);
  });

  it('follows $ref into $defs and checks the bounds there', () => {
    expect(validateJsonSchema({ kind: 'a', items: ['first', 1], when: null, score: 2 }, schema)).toEqual(['/score: above the maximum 1']);
    expect(validateJsonSchema({ kind: 'a', items: ['first', 1], when: null, score: -1 }, schema)).toEqual(['/score: must be above -1']);
  });

  it('rejects a value that matches no anyOf branch', () => {
    expect(validateJsonSchema({ kind: 'a', items: ['first', 1], when: '16' }, schema)).toEqual(['/when: matches none of the allowed forms']);
  });

  it('counts NaN as no number', () => {
    expect(validateJsonSchema(NaN, { type: 'number' })).toEqual(['/: expected number, got number']);
  });

  it('refuses a schema keyword it does not check', () => {
    expect(() => validateJsonSchema('x', { type: 'string', format: 'date' })).toThrow(/"format" is not supported/);
  });
});
