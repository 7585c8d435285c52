import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** uPlot's browser build and stylesheet, inlined into every report. */
export interface ChartLibrary {
  script: string;
  css: string;
  version: string;
}

let cached: ChartLibrary | null = null;

/** Reads uPlot from node_modules (once per process). */
export function chartLibrary(): ChartLibrary {
  if (cached) return cached;
  const pkg = require.resolve('uplot/package.json');
  const dist = join(dirname(pkg), 'dist');
  cached = {
    script: readFileSync(join(dist, 'uPlot.iife.min.js'), 'utf8'),
    css: readFileSync(join(dist, 'uPlot.min.css'), 'utf8'),
    version: (JSON.parse(readFileSync(pkg, 'utf8')) as { version: string }).version,
  };
  return cached;
}
