import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * The house rule: src/core is pure. It imports nothing outside src/core except plain
 * libraries, never the framework, the ORM or I/O, and never reads the clock or Math.random.
 */
const CORE = join(__dirname, '..', 'src', 'core');

const FORBIDDEN_IMPORTS = [
  /^@nestjs\//,
  /^typeorm/,
  /^class-validator/,
  /^class-transformer/,
  /^sqlite3/,
  /^(node:)?(fs|fs\/promises|http|https|net|child_process|worker_threads|os|dgram|tls)$/,
];
const FORBIDDEN_CALLS: Array<[RegExp, string]> = [
  [/\bDate\.now\s*\(/, 'reads the wall clock (Date.now)'],
  [/\bnew Date\s*\(\s*\)/, 'reads the wall clock (new Date())'],
  [/\bMath\.random\s*\(/, 'uses unseeded randomness (Math.random)'],
  [/\bprocess\.env\b/, 'reads the environment (process.env)'],
  [/\bperformance\.now\s*\(/, 'reads the clock (performance.now)'],
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.spec.ts') ? [path] : [];
  });
}

function importsOf(source: string): string[] {
  const specifiers: string[] = [];
  const pattern = /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|require\s*\(\s*['"]([^'"]+)['"]\s*\)/g;
  for (const m of source.matchAll(pattern)) specifiers.push(m[1] ?? m[2] ?? m[3]);
  return specifiers;
}

describe('src/core dependency rule', () => {
  const files = sourceFiles(CORE);

  it('finds the core sources', () => {
    expect(files.length).toBeGreaterThan(3);
  });

  it('imports no framework, ORM or I/O module and nothing outside src/core', () => {
    const violations: string[] = [];
    for (const file of files) {
      for (const spec of importsOf(readFileSync(file, 'utf8'))) {
        const rel = relative(CORE, file);
        if (FORBIDDEN_IMPORTS.some((re) => re.test(spec))) violations.push(`${rel} imports ${spec}`);
        if (spec.startsWith('.')) {
          const target = relative(CORE, join(file, '..', spec));
          if (target.startsWith('..')) violations.push(`${rel} imports ${spec} from outside src/core`);
        }
      }
    }
    expect(violations).toEqual([]);
  });

  it('never reads the clock, the environment or unseeded randomness', () => {
    const violations: string[] = [];
    for (const file of files) {
      const source = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
      for (const [re, why] of FORBIDDEN_CALLS) if (re.test(source)) violations.push(`${relative(CORE, file)} ${why}`);
    }
    expect(violations).toEqual([]);
  });
});
