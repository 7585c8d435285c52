import { detectPriceLayout } from './price-layout';

const detect = (header: string) => detectPriceLayout(header.split(','), 'f.csv');

describe('detectPriceLayout', () => {
  it('recognises the Yahoo layout', () => {
    const layout = detect('Date,Open,High,Low,Close,Adj Close,Volume');
    expect(layout).toMatchObject({ name: 'yahoo', descending: false, date: 0, adjClose: 5, volume: 6, splitCoefficient: -1, symbol: -1 });
  });

  it('recognises the Alpha Vantage layout as newest first', () => {
    const layout = detect('timestamp,open,high,low,close,adjusted_close,volume,dividend_amount,split_coefficient');
    expect(layout).toMatchObject({ name: 'alphavantage', descending: true, adjClose: 5, splitCoefficient: 8, fieldCount: 9 });
  });

  it.each([
    ['date,open,high,low,close,volume', -1],
    ['date,open,high,low,close,adj_close,volume', 5],
    ['date,open,high,low,close,adjclose,volume', 5],
  ])('recognises the generic layout %s', (header, adjClose) => {
    expect(detect(header)).toMatchObject({ name: 'generic', descending: false, adjClose, symbol: -1 });
  });

  it.each(['Name', 'symbol', 'ticker'])('recognises a long file by its %s column', (column) => {
    expect(detect(`date,open,high,low,close,volume,${column}`)).toMatchObject({ name: 'long', symbol: 6 });
  });

  it('rejects a header without the required columns and names them', () => {
    expect(() => detect('day,open,high,low,price,volume')).toThrow(/f\.csv:1: unrecognised price CSV header .*missing date, close/);
  });
});
