import { normaliseSymbol, symbolFromFileName } from './symbol-name';

describe('symbolFromFileName', () => {
  it.each([
    ['aapl.csv', 'AAPL'],
    ['/data/daily_adjusted_TSLA.csv', 'TSLA'],
    ['prices/^gspc.csv', '^GSPC'],
    ['BRK-B.csv', 'BRK-B'],
  ])('derives %s as %s', (path, symbol) => {
    expect(symbolFromFileName(path)).toBe(symbol);
  });

  it('gives null when the name ends with an underscore', () => {
    expect(symbolFromFileName('prices_.csv')).toBeNull();
  });
});

describe('normaliseSymbol', () => {
  it('upper-cases and trims a ticker', () => {
    expect(normaliseSymbol(' brk.b ')).toBe('BRK.B');
  });

  it('rejects path separators and spaces', () => {
    expect(normaliseSymbol('../etc')).toBeNull();
    expect(normaliseSymbol('A B')).toBeNull();
  });
});
