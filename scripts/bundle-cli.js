#!/usr/bin/env node
/*
 * Bundles the command-line application (dist/src/cli-app.js, compiled by tsc) with the modules it
 * loads into that same file, and the entry of each worker thread (every `.worker.js` under
 * dist/src but one, see UNBUNDLED_THREADS) likewise. Started from separate files, a command has
 * Node resolve, read and compile some 1,900 of them before its first bar (about a quarter of a
 * second of a `backtest`), and a compare's worker thread 235; one file spares the look-ups and
 * the per-file work. A build without this step runs the same, only slower to start.
 *
 * The entry (dist/src/cli.js) stays as tsc wrote it: it answers `--help` and `--version` without
 * reading the bundle. The modules it loads itself are left out of the bundle, and the bundle
 * requires the very same files: a module has one instance in the process (the price file read
 * while the application loads, the error classes that `instanceof` tells apart).
 *
 * Packages also left out, for Node to load from node_modules as before (none of them loads Nest,
 * which the bundle holds):
 * - those the entry loads (one instance, as above);
 * - those a command loads only when it needs them and that are large (the LLM client, the
 *   broker, the dataframe library, the queue, the database drivers, the HTTP server's stack and
 *   request validation: `serve` alone loads those);
 * - those that find files from their own place: read as files (the report's chart library, the
 *   sample data, the API docs' assets) or finding them from their own `__dirname` (the thread
 *   pool's worker entry, the application root, a config file's parent);
 * - ES modules (tslib's helpers): see the check at the end;
 * - those that are not installed (optional peers of Nest and TypeORM): their requires stay as
 *   they are and fail at run time exactly as before.
 * A worker thread's entry is the first file its thread loads: its bundle holds everything but
 * the packages left out above. Threads find their entries from the package root (threadEntry in
 * package-root.ts), as a module inside a bundle has the bundle's file name.
 */
const { build } = require('esbuild');
const { spawnSync } = require('node:child_process');
const { existsSync, readdirSync, readFileSync, writeFileSync } = require('node:fs');
const { basename, dirname, join, relative, resolve, sep } = require('node:path');

const ROOT = resolve(__dirname, '..');
const ENTRY = join(ROOT, 'dist', 'src', 'cli.js');
const APPLICATION = join(ROOT, 'dist', 'src', 'cli-app.js');

const LOADED_SEPARATELY = new Set([
  '@alpacahq/alpaca-trade-api',
  '@observablehq/sample-datasets',
  'app-root-path',
  'body-parser',
  'bullmq',
  'class-validator',
  'danfojs',
  'express',
  'import-fresh',
  'ioredis',
  'libphonenumber-js',
  'multer',
  'openai',
  'pg',
  'pg-native',
  'piscina',
  'pino',
  'pino-http',
  'prettier',
  'sqlite3',
  'swagger-ui-dist',
  'tslib',
  'typescript',
  'uplot',
  'vega-datasets',
]);

const COMMON = { absWorkingDir: ROOT, bundle: true, platform: 'node', target: 'node20', format: 'cjs', logLevel: 'warning' };

function packageName(specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

function isBare(specifier) {
  return !specifier.startsWith('.') && !specifier.startsWith('/');
}

function isInstalled(specifier, from) {
  try {
    require.resolve(specifier, { paths: [from] });
    return true;
  } catch {
    return false;
  }
}

/** The compiled file a relative require names (tsc writes them without the extension). */
function compiledFile(specifier, from) {
  const path = resolve(from, specifier);
  for (const candidate of [path, `${path}.js`, join(path, 'index.js')]) if (candidate.endsWith('.js') && existsSync(candidate)) return candidate;
  return null;
}

/** The project files and the packages the entry loads before the application (its static requires). */
async function entryModules() {
  const application = `./${basename(APPLICATION, '.js')}`;
  const { metafile } = await build({
    ...COMMON,
    entryPoints: [ENTRY],
    write: false,
    metafile: true,
    plugins: [
      {
        name: 'entry-only',
        setup(bundler) {
          bundler.onResolve({ filter: /.*/ }, ({ path }) => (isBare(path) || path === application ? { external: true } : undefined));
        },
      },
    ],
  });
  const files = new Set(Object.keys(metafile.inputs).map((file) => resolve(ROOT, file)));
  const packages = new Set();
  for (const input of Object.values(metafile.inputs)) {
    for (const imported of input.imports) if (imported.external && isBare(imported.path)) packages.add(packageName(imported.path));
  }
  return { files, packages };
}

/**
 * Leaves out the packages named above and, for the application, the entry's own files and
 * packages (`shared`): a shared file is required at run time from the bundle's directory.
 */
function leftOut(shared = { files: new Set(), packages: new Set(), bundleDir: null }) {
  return {
    name: 'left-out',
    setup(bundler) {
      bundler.onResolve({ filter: /^\./ }, ({ path, resolveDir }) => {
        const file = compiledFile(path, resolveDir);
        if (!file || !shared.files.has(file)) return undefined;
        return { path: `./${relative(shared.bundleDir, file).split(sep).join('/')}`, external: true };
      });
      bundler.onResolve({ filter: /^[^./]/ }, ({ path, resolveDir }) => {
        const name = packageName(path);
        if (path.startsWith('node:') || shared.packages.has(name) || LOADED_SEPARATELY.has(name)) return { external: true };
        return isInstalled(path, resolveDir) ? undefined : { external: true };
      });
    },
  };
}

/** Bundles each of `entries` into its own file, in place. */
async function bundleInPlace(entries, plugin) {
  const { metafile } = await build({
    ...COMMON,
    entryPoints: entries,
    outdir: dirname(ENTRY),
    outbase: dirname(ENTRY),
    allowOverwrite: true,
    metafile: true,
    plugins: [plugin],
  });
  // tsc and the packages bundled write CommonJS: the bundle wraps each such module in a function
  // of its own, every name kept as written (Nest and TypeORM read class names). An ES module
  // would share the bundle's scope, where esbuild renames what clashes: rather than name every
  // function (keepNames, 30 ms of start-up), such a package is left out.
  const esm = Object.entries(metafile.inputs).filter(([, input]) => input.format === 'esm').map(([file]) => file);
  if (esm.length > 0) throw new Error(`ES modules in a bundle (add their packages to LOADED_SEPARATELY): ${esm.join(', ')}`);
}

/**
 * The serving process's run thread lowers its priority before it loads the run's modules
 * (run.worker.ts): a bundle would have them compiled first, at the priority of the requests.
 */
const UNBUNDLED_THREADS = new Set([join(dirname(ENTRY), 'modules', 'backtests', 'run.worker.js')]);

/** The compiled entries of the worker threads: every `*.worker.js` under dist/src but those above. */
function threadEntries(dir = dirname(ENTRY)) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((item) => {
    const path = join(dir, item.name);
    if (item.isDirectory()) return threadEntries(path);
    return item.name.endsWith('.worker.js') && !UNBUNDLED_THREADS.has(path) ? [path] : [];
  });
}

/**
 * Writes a bundle's characters outside ASCII as \u escapes. V8 keeps a script's source as long
 * as its functions live, two bytes a character once one character is outside ASCII: the
 * application's 9 MB would be held as 18 MB in every command. esbuild leaves such characters in
 * comments and regular expressions, where an escape means the same (inside a comment it is text).
 */
function writeAsciiOnly(file) {
  const text = readFileSync(file, 'utf8');
  const ascii = text.replace(/[^\x00-\x7f]/g, (unit) => `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`);
  if (ascii !== text) writeFileSync(file, ascii);
}

/**
 * Packages whose `import()` the bundles hold but no command reaches: Nest's file type check of
 * uploads (not used), nest-commander's plugins and the configuration search they start (plugins
 * are off), TypeORM's loading of entity and migration files (the application gives it classes).
 */
const UNREACHED_DYNAMIC_IMPORTS = new Set(['load-esm', 'cosmiconfig', 'nest-commander', 'typeorm']);

/** The package a bundled file comes from (its last `node_modules/` names it), else the file. */
function packageOf(path) {
  const at = path.lastIndexOf('node_modules/');
  return at === -1 ? path : packageName(path.slice(at + 'node_modules/'.length));
}

/**
 * On Node 20 a bundle loaded with its code cache cannot call `import()`
 * (src/modules/config/code-cache.ts): refuses a bundle with a code cache whose `import()` is in
 * a module other than those above. The bundle names each module's file in a comment above it.
 */
function checkDynamicImports(file) {
  // A line without its comments (JSDoc types name modules as import('…')).
  const code = (line) => (/^\s*(\*|\/\/)/.test(line) ? '' : line.replace(/\/\*.*?\*\//g, ''));
  let module = '';
  const found = [];
  readFileSync(file, 'utf8').split('\n').forEach((line, i) => {
    const origin = /^\/\/ (\S+)$/.exec(line);
    if (origin) module = packageOf(origin[1]);
    else if (/\bimport\(/.test(code(line)) && !UNREACHED_DYNAMIC_IMPORTS.has(module)) found.push(`${module} (line ${i + 1})`);
  });
  if (found.length > 0) throw new Error(`import() in ${relative(ROOT, file)}, which its code cache cannot run on Node 20: ${found.join(', ')}`);
}

/**
 * The bundles a code cache is kept for: the application's and those of the pools' threads (a
 * compare's, a study's), which load theirs through a small entry (`batch-run.entry.ts`,
 * `study.entry.ts`). The other threads' bundles are small, or start work as they load.
 */
const CACHED_BUNDLES = [APPLICATION, ...['backtests/batch-run.worker.js', 'studies/study.worker.js'].map((file) => join(dirname(ENTRY), 'modules', file))];

/**
 * Keeps V8's code cache of a bundle next to it (src/modules/config/code-cache.ts): made by a
 * process of its own that loads the bundle as a command or a thread does. Without it the bundle
 * runs the same, compiled at each start (150 ms for the application's): a failure is told, not
 * fatal.
 */
function writeCodeCache(file) {
  const codeCache = join(ROOT, 'dist', 'src', 'modules', 'config', 'code-cache.js');
  const made = spawnSync(process.execPath, ['-e', `require(${JSON.stringify(codeCache)}).writeCodeCache(${JSON.stringify(file)})`], { encoding: 'utf8' });
  if (made.status !== 0) console.warn(`warning: no code cache for ${relative(ROOT, file)} (it is compiled at each start): ${made.stderr.trim().split('\n')[0]}`);
}

async function bundle() {
  await bundleInPlace([APPLICATION], leftOut({ ...(await entryModules()), bundleDir: dirname(APPLICATION) }));
  await bundleInPlace(threadEntries(), leftOut());
  for (const file of [APPLICATION, ...threadEntries()]) writeAsciiOnly(file);
  for (const file of CACHED_BUNDLES) {
    checkDynamicImports(file);
    writeCodeCache(file);
  }
}

bundle().catch((error) => {
  console.error(error);
  process.exit(1);
});
