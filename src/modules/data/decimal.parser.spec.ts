import fc from 'fast-check';
import { parseDecimal } from './decimal.parser';

describe('parseDecimal', () => {
  it.each(['15.07', '-0.5', '0', '1.', '.5', '123456789012345', '1234567890123456', '1e5', ' 12', 'abc', '1.2.3', '-', '0.1'])(
    'reads %p exactly as Number does',
    (text) => {
      expect(Object.is(parseDecimal(text), Number(text))).toBe(true);
    },
  );

  it('agrees with Number on any fixed-point decimal', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e9, max: 1e9, noNaN: true }), fc.integer({ min: 0, max: 12 }), (value, places) => {
        const text = value.toFixed(places);
        expect(Object.is(parseDecimal(text), Number(text))).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });
});
