import { JsonShapeScanner } from './json-shape.scanner';

const scan = (text: string, chunkBytes = text.length, maxDepth = 4, maxItems = 3) => {
  const scanner = new JsonShapeScanner(maxDepth, maxItems);
  const bytes = Buffer.from(text, 'utf8');
  for (let i = 0; i < bytes.length; i += Math.max(1, chunkBytes)) {
    const problem = scanner.push(bytes.subarray(i, i + chunkBytes));
    if (problem) return problem;
  }
  return null;
};

describe('JsonShapeScanner', () => {
  it('accepts a body within the limits', () => {
    expect(scan('{"a":[1,2,3],"b":{"c":{"d":"x"}},"e":[[1],[2],{"f":true}]}')).toBeNull();
    expect(scan('[1, 2, 3]')).toBeNull();
    expect(scan('{"empty":[],"nested":[[],[],[]]}')).toBeNull();
  });

  it('names the array that has more items than allowed', () => {
    expect(scan('{"a":1,"symbols":["A","B","C","D"]}')).toEqual({ field: 'symbols', message: 'symbols: an array of more than 3 items' });
    expect(scan('{"params":{"list":[1,2,3,4]}}')).toEqual({ field: 'params.list', message: 'params.list: an array of more than 3 items' });
    expect(scan('{"x":[[1,2,3,4]]}')).toMatchObject({ field: 'x.0' });
    expect(scan('[true,false,null,-1.5e3]')).toMatchObject({ field: 'body' });
  });

  it('counts items of every kind once each, whatever their length', () => {
    expect(scan('{"a":[true, "x,y", {"k":[1]}]}')).toBeNull();
    expect(scan('{"a":[123456, -0.5, null]}')).toBeNull();
    expect(scan('{"a":[{}, [], "s", 4]}')).toMatchObject({ field: 'a' });
  });

  it('names the top-level field of a value nested too deep', () => {
    expect(scan('{"params":{"a":{"b":{"c":{}}}}}')).toEqual({ field: 'params', message: 'params: nested deeper than 4 levels' });
    expect(scan('{"ok":{"a":{"b":{"c":1}}}}')).toBeNull();
    expect(scan('[[[[[1]]]]]')).toMatchObject({ message: expect.stringMatching(/nested deeper than 4 levels/) });
  });

  it('ignores brackets, quotes and commas inside strings and keys', () => {
    expect(scan('{"a":"[[[[[[,,,,,", "b\\"[[[[":"\\\\", "c":["]]]],,,,"]}')).toBeNull();
    expect(scan('{"weird \\" key":[1,2,3,4]}')).toMatchObject({ field: 'weird \\" key' });
  });

  it('finds the same problem whatever the chunk boundaries', () => {
    const text = '{"name":"x","params":{"list":[1,"a,b",3,4]}}';
    for (const size of [1, 2, 3, 7, 1000]) expect(scan(text, size)).toEqual({ field: 'params.list', message: 'params.list: an array of more than 3 items' });
  });

  it('finds a long array at its first item past the limit, before reading the rest', () => {
    const scanner = new JsonShapeScanner(32, 1000);
    const head = `{"symbols":[${Array(1001).fill('"AAPL"').join(',')}`;
    expect(scanner.push(Buffer.from(head))).toMatchObject({ field: 'symbols' });
  });
});
