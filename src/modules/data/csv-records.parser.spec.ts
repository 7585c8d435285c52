import { forEachCsvRecord } from './csv-records.parser';

function records(text: string): Array<{ fields: string[]; line: number; error?: string }> {
  const out: Array<{ fields: string[]; line: number; error?: string }> = [];
  forEachCsvRecord(text, (fields, line, error) => out.push(error === undefined ? { fields, line } : { fields, line, error }));
  return out;
}

describe('forEachCsvRecord', () => {
  it('splits plain lines and numbers them from 1', () => {
    expect(records('a,b\n1,2\n3,4\n')).toEqual([
      { fields: ['a', 'b'], line: 1 },
      { fields: ['1', '2'], line: 2 },
      { fields: ['3', '4'], line: 3 },
    ]);
  });

  it('accepts CRLF line ends, a BOM and a missing final newline', () => {
    expect(records('\ufeffa,b\r\n1,2\r\n3,4')).toEqual([
      { fields: ['a', 'b'], line: 1 },
      { fields: ['1', '2'], line: 2 },
      { fields: ['3', '4'], line: 3 },
    ]);
  });

  it('skips blank lines but still counts them', () => {
    expect(records('a\n\n1\n\r\n2\n')).toEqual([
      { fields: ['a'], line: 1 },
      { fields: ['1'], line: 3 },
      { fields: ['2'], line: 5 },
    ]);
  });

  it('unquotes fields, keeps commas and doubled quotes inside them', () => {
    expect(records('"x,y","say ""hi""",plain\r\n')).toEqual([{ fields: ['x,y', 'say "hi"', 'plain'], line: 1 }]);
  });

  it('keeps physical line numbers after a quoted field spanning lines', () => {
    expect(records('a,b\n1,"two\nlines\r\nmore"\n3,x\n')).toEqual([
      { fields: ['a', 'b'], line: 1 },
      { fields: ['1', 'two\nlines\r\nmore'], line: 2 },
      { fields: ['3', 'x'], line: 5 },
    ]);
  });

  it('reports an unterminated quoted field', () => {
    expect(records('a\n"open\n')).toEqual([
      { fields: ['a'], line: 1 },
      { fields: ['open\n'], line: 2, error: 'unterminated quoted field' },
    ]);
  });
});
