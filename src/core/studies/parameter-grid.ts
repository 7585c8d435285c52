/**
 * A parameter grid as a user writes it: `fast=5..20:5,slow=20..60:10` (a range from..to with a
 * step, both ends inclusive), `size=0.5|0.95` (listed values) or `fast=10` (one value). Values
 * are numbers, or text when a listed value is not one (`mode=a|b`).
 */
export interface ParameterAxis {
  name: string;
  values: ReadonlyArray<number | string>;
}

export type ParameterGrid = readonly ParameterAxis[];

/** One point of a grid: a value for every axis, in the grid's order. */
export type GridPoint = Record<string, number | string>;

/** Grids larger than this are refused: a typo in a step should not start millions of runs. */
export const MAX_GRID_POINTS = 100_000;

export class GridSyntaxError extends Error {
  override name = 'GridSyntaxError';
}

/** Parses the grid text; a GridSyntaxError says which part is wrong and what is expected. */
export function parseParameterGrid(text: string): ParameterGrid {
  const parts = text.split(',').map((p) => p.trim()).filter((p) => p.length > 0);
  if (parts.length === 0) throw new GridSyntaxError('expected name=values[,name=values...], e.g. fast=5..20:5,slow=20..60:10');
  const axes: ParameterAxis[] = [];
  for (const part of parts) {
    const eq = part.indexOf('=');
    if (eq <= 0 || eq === part.length - 1) throw new GridSyntaxError(`"${part}": expected name=values, e.g. fast=5..20:5 or size=0.5|0.95`);
    const name = part.slice(0, eq).trim();
    if (axes.some((a) => a.name === name)) throw new GridSyntaxError(`"${name}" is given twice`);
    axes.push({ name, values: parseValues(name, part.slice(eq + 1).trim()) });
  }
  const points = gridSize(axes);
  if (points > MAX_GRID_POINTS) throw new GridSyntaxError(`the grid has ${points} points; at most ${MAX_GRID_POINTS} are allowed`);
  return axes;
}

function parseValues(name: string, text: string): Array<number | string> {
  if (text.includes('..')) {
    const [from, rest] = [text.slice(0, text.indexOf('..')), text.slice(text.indexOf('..') + 2)];
    const [to, step, extra] = rest.split(':');
    if (extra !== undefined) throw new GridSyntaxError(`"${name}=${text}": expected from..to:step, e.g. ${name}=5..20:5`);
    return rangeValues(name, numberOf(from), numberOf(to), step === undefined ? 1 : numberOf(step), step ?? '1');
  }
  const listed = text.split('|').map((v) => v.trim());
  if (listed.some((v) => v === '')) throw new GridSyntaxError(`"${name}=${text}": an empty value in the list`);
  const values = listed.map((v) => (v !== '' && Number.isFinite(Number(v)) ? Number(v) : v));
  if (new Set(values).size !== values.length) throw new GridSyntaxError(`"${name}=${text}": a value is listed twice`);
  return values;
}

/**
 * from, from + step, ... up to `to` inclusive. Each value is from + i·step rounded to the
 * decimals of the bounds and step, so 0.1..0.3:0.1 gives 0.1, 0.2, 0.3 rather than 0.30000000000000004.
 */
function rangeValues(name: string, from: number, to: number, step: number, stepText: string): number[] {
  if (![from, to, step].every(Number.isFinite)) throw new GridSyntaxError(`"${name}": expected from..to:step with numbers, e.g. ${name}=5..20:5`);
  if (!(step > 0)) throw new GridSyntaxError(`"${name}": the step must be positive, got ${stepText}`);
  if (to < from) throw new GridSyntaxError(`"${name}": the range ends (${to}) before it starts (${from})`);
  const count = Math.floor((to - from) / step + 1e-9) + 1;
  if (count > MAX_GRID_POINTS) throw new GridSyntaxError(`"${name}": ${count} values; at most ${MAX_GRID_POINTS} are allowed`);
  const decimals = Math.max(decimalsOf(from), decimalsOf(to), decimalsOf(step));
  const scale = 10 ** decimals;
  return Array.from({ length: count }, (_, i) => Math.round((from + i * step) * scale) / scale);
}

/** The number a bound or step is written as (NaN for anything else, blank included). */
function numberOf(text: string): number {
  return text.trim() === '' ? NaN : Number(text);
}

function decimalsOf(x: number): number {
  const text = String(x);
  if (text.includes('e')) return 12;
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
}

export function gridSize(grid: ParameterGrid): number {
  return grid.reduce((n, axis) => n * axis.values.length, 1);
}

/** Every point of the grid, the last axis varying fastest. */
export function gridPoints(grid: ParameterGrid): GridPoint[] {
  let points: GridPoint[] = [{}];
  for (const axis of grid) points = points.flatMap((p) => axis.values.map((v) => ({ ...p, [axis.name]: v })));
  return points;
}

/** `fast=5 slow=20`: a point as the tables show it. */
export function describePoint(point: GridPoint): string {
  return Object.entries(point).map(([k, v]) => `${k}=${v}`).join(' ');
}
