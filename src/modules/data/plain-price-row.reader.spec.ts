import { parseDay } from './bar.validator';
import { parseDecimal } from './decimal.parser';
import { detectPriceLayout } from './price-layout';
import { plainRowKinds, readPlainPriceRow } from './plain-price-row.reader';

const layout = detectPriceLayout(['date', 'open', 'high', 'low', 'close', 'volume'], 'x.csv');
const kinds = plainRowKinds(layout);

/** The values read from a row's text, or null when it is left to the text path. */
function read(line: string): number[] | null {
  const bytes = Buffer.from(line, 'latin1');
  const values = new Float64Array(10);
  return readPlainPriceRow(bytes, 0, bytes.length, kinds, values) ? [...values.subarray(0, 6)] : null;
}

describe('readPlainPriceRow', () => {
  it('reads every day of years 100..9999 as parseDay does, in file order and out of it', () => {
    const days = new Map<string, number>();
    const dates: string[] = [];
    for (const year of [100, 101, 1600, 1899, 1900, 1970, 1999, 2000, 2004, 2023, 2024, 2100, 2400, 9999]) {
      for (let t = Date.UTC(year, 0, 1); new Date(t).getUTCFullYear() === year; t += 86_400_000) dates.push(new Date(t).toISOString().slice(0, 10).padStart(10, '0'));
    }
    const shuffled = dates.map((d, i) => dates[(i * 7919) % dates.length]);
    for (const date of [...dates, ...shuffled]) expect(read(`${date},10,11,9,10,100`)?.[0]).toBe(parseDay(date, days));
  });

  it('leaves days that are not real, or not plain, to the text path', () => {
    for (const date of ['2023-02-29', '2100-02-29', '2023-04-31', '2023-13-01', '2023-00-10', '2023-01-00', '0099-12-31', '2023-1-05', '2023/01/05', '2023-01-05 00:00:00', ' 2023-01-05']) {
      expect(read(`${date},10,11,9,10,100`)).toBeNull();
    }
    expect(read('2024-02-29,10,11,9,10,100')).not.toBeNull();
  });

  it('reads decimals to the values parseDecimal gives', () => {
    let seed = 5;
    const random = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    for (let i = 0; i < 20_000; i++) {
      const digits = 1 + Math.floor(random() * 15);
      let text = '';
      for (let k = 0; k < digits; k++) text += Math.floor(random() * 10);
      const dot = Math.floor(random() * (digits + 1));
      if (random() < 0.8) text = `${text.slice(0, dot)}.${text.slice(dot)}`;
      const values = read(`2020-01-02,1,1,1,1,${text}`);
      expect(values?.[5]).toBe(parseDecimal(text));
    }
  });

  it('leaves to the text path what breaks a rule or is not a plain decimal', () => {
    for (const line of [
      '2020-01-02,10,11,9,10,-1', '2020-01-02,12,11,9,10,100', '2020-01-02,10,11,9,12,100', '2020-01-02,10,9,11,10,100',
      '2020-01-02,0,11,9,10,100', '2020-01-02,10,11,0.0000009,10,100', '2020-01-02,10,10000000.5,9,10,100',
      '2020-01-02,1e1,11,9,10,100', '2020-01-02, 10,11,9,10,100', '2020-01-02,10,11,9,10,', '2020-01-02,10,11,9,10',
      '2020-01-02,10,11,9,10,100,', '2020-01-02,10,11,9,10,1234567890123456', '2020-01-02,10,11,9,10,1.2.3', '2020-01-02,-,11,9,10,100',
    ]) {
      expect(read(line)).toBeNull();
    }
    expect(read('2020-01-02,10,11,9,10.5,-0')).toEqual([Date.UTC(2020, 0, 2), 10, 11, 9, 10.5, -0]);
  });

  it('reads an empty adjusted close or split coefficient as NaN, and leaves a blank of spaces to the text path', () => {
    const stored = plainRowKinds(detectPriceLayout(['date', 'open', 'high', 'low', 'close', 'adj_close', 'volume', 'split_coefficient'], 'x.csv'));
    const readStored = (line: string) => {
      const bytes = Buffer.from(line, 'latin1');
      const values = new Float64Array(10);
      return readPlainPriceRow(bytes, 0, bytes.length, stored, values) ? [...values.subarray(0, 8)] : null;
    };
    const day = Date.UTC(2020, 0, 2);
    expect(readStored('2020-01-02,10,11,9,10,,100,')).toEqual([day, 10, 11, 9, 10, 100, NaN, NaN]);
    expect(readStored('2020-01-02,10,11,9,10,9.5,100,2')).toEqual([day, 10, 11, 9, 10, 100, 9.5, 2]);
    for (const line of ['2020-01-02,10,11,9,10, ,100,', '2020-01-02,10,11,9,10,,100, ', '2020-01-02,10,11,9,10,,,', '2020-01-02,10,11,9,10,,100', '2020-01-02,10,11,9,10,0,100,']) {
      expect(readStored(line)).toBeNull();
    }
  });
});
