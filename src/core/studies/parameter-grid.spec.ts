import { describePoint, GridSyntaxError, gridPoints, gridSize, parseParameterGrid } from './parameter-grid';

describe('parameter grid', () => {
  it('expands ranges with their ends included, the last axis varying fastest', () => {
    const grid = parseParameterGrid('fast=5..20:5,slow=20..60:20');
    expect(grid).toEqual([
      { name: 'fast', values: [5, 10, 15, 20] },
      { name: 'slow', values: [20, 40, 60] },
    ]);
    expect(gridSize(grid)).toBe(12);
    expect(gridPoints(grid).slice(0, 4)).toEqual([
      { fast: 5, slow: 20 },
      { fast: 5, slow: 40 },
      { fast: 5, slow: 60 },
      { fast: 10, slow: 20 },
    ]);
  });

  it('keeps decimal steps on the decimals written', () => {
    expect(parseParameterGrid('size=0.1..0.3:0.1')[0].values).toEqual([0.1, 0.2, 0.3]);
  });

  it('takes listed values as numbers, or as text when they are not numbers', () => {
    expect(parseParameterGrid('size=0.5|0.95,mode=a|b')).toEqual([
      { name: 'size', values: [0.5, 0.95] },
      { name: 'mode', values: ['a', 'b'] },
    ]);
    expect(describePoint({ fast: 5, mode: 'a' })).toBe('fast=5 mode=a');
  });

  it.each([
    ['', /expected name=values/],
    ['fast', /expected name=values/],
    ['fast=20..5', /ends \(5\) before it starts/],
    ['fast=5..20:0', /step must be positive/],
    ['fast=5..x', /with numbers/],
    ['fast=1,fast=2', /given twice/],
    ['fast=1|1', /listed twice/],
    ['a=1..1000:1,b=1..1000:1', /at most 100000/],
  ])('refuses "%s"', (text, message) => {
    expect(() => parseParameterGrid(text)).toThrow(GridSyntaxError);
    expect(() => parseParameterGrid(text)).toThrow(message);
  });
});
