import { apiKeyOf, ApiKeys } from './api-keys';

describe('ApiKeys', () => {
  const keys = new ApiKeys(['alpha-key', 'beta-key']);

  it('accepts each configured key and nothing else', () => {
    expect(keys.matches('alpha-key')).toBe(true);
    expect(keys.matches('beta-key')).toBe(true);
    expect(keys.matches('alpha-ke')).toBe(false);
    expect(keys.matches('alpha-keyy')).toBe(false);
    expect(keys.matches('ALPHA-KEY')).toBe(false);
    expect(keys.matches('')).toBe(false);
    expect(keys.matches(undefined)).toBe(false);
  });

  it('requires a key only when some are configured', () => {
    expect(keys.required).toBe(true);
    expect(new ApiKeys([]).required).toBe(false);
    expect(new ApiKeys([]).matches('anything')).toBe(false);
  });

  it('reads the first X-API-Key header', () => {
    expect(apiKeyOf({ 'x-api-key': 'a' })).toBe('a');
    expect(apiKeyOf({ 'x-api-key': ['a', 'b'] })).toBe('a');
    expect(apiKeyOf({})).toBeUndefined();
  });
});
