import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { CLI_ENTRY } from './support/cli-runner';

const ROOT = resolve(__dirname, '..');

/**
 * The command-line application as the build bundles it (scripts/bundle-cli.js): a command's
 * main thread compiles the entry's own modules and the bundle, a worker thread its entry's
 * bundle, and nothing of the application twice (one instance of each module: the price file read
 * while the application loads is the one the run uses, and no second Nest is loaded from
 * node_modules).
 */
describe('the command-line bundle', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tg-bundle-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /**
   * Runs a command with a preload that notes what each thread compiles, what the main thread
   * opens, the modules it has loaded at its exit, and how the bundle was compiled.
   */
  function recorded(args: string[]): { status: number; stderr: string; compiled: string[]; opened: string[]; loaded: string[]; bundleCompile: { cached: boolean; refused: boolean } | null; threads: Array<Array<{ file: string; how: string }>> } {
    const recorder = join(dir, 'recorder.js');
    const out = join(dir, 'recorded.json');
    const threadsFile = join(dir, 'threads.jsonl');
    rmSync(threadsFile, { force: true });
    writeFileSync(
      recorder,
      `const { isMainThread, threadId } = require('node:worker_threads');
const fs = require('node:fs');
const Module = require('node:module');
const vm = require('node:vm');
const seen = { compiled: [], opened: [], loaded: [], bundleCompile: null };
const Script = vm.Script;
// A pool ends its threads without an exit event in them: each thread's file is noted as it loads.
const noteInThread = (file, how) => fs.appendFileSync(${JSON.stringify(threadsFile)}, JSON.stringify([threadId, file, how]) + '\\n');
vm.Script = class extends Script {
  constructor(code, options) {
    super(code, options);
    const file = String(options && options.filename);
    const how = options && options.cachedData !== undefined ? (this.cachedDataRejected ? 'cache refused' : 'code cache') : 'compiled';
    if (isMainThread && file.endsWith('cli-app.js')) seen.bundleCompile = { cached: options.cachedData !== undefined, refused: this.cachedDataRejected === true };
    if (!isMainThread) noteInThread(file, how);
  }
};
const compile = Module.prototype._compile;
Module.prototype._compile = function (content, file) {
  if (isMainThread) seen.compiled.push(file);
  else noteInThread(file, 'loader');
  return compile.call(this, content, file);
};
if (isMainThread) {
  const open = fs.openSync;
  fs.openSync = function (path, ...rest) { seen.opened.push(String(path)); return open.call(this, path, ...rest); };
  process.on('exit', () => {
    seen.loaded = Object.keys(require.cache);
    fs.writeFileSync(${JSON.stringify(out)}, JSON.stringify(seen));
  });
}
`,
    );
    const result = spawnSync(process.execPath, ['--require', recorder, CLI_ENTRY, ...args], {
      cwd: dir,
      env: { ...process.env, TRADINGGROUP_DB: join(dir, 'runs.sqlite'), TRADINGGROUP_DATA_DIR: join(dir, 'data'), TRADINGGROUP_BACKTESTS_DIR: join(dir, 'backtests') },
      encoding: 'utf8',
    });
    const seen = JSON.parse(readFileSync(out, 'utf8')) as { compiled: string[]; opened: string[]; loaded: string[]; bundleCompile: { cached: boolean; refused: boolean } | null };
    const threads = new Map<number, Array<{ file: string; how: string }>>();
    if (existsSync(threadsFile)) {
      for (const line of readFileSync(threadsFile, 'utf8').trim().split('\n')) {
        const [thread, file, how] = JSON.parse(line) as [number, string, string];
        threads.set(thread, [...(threads.get(thread) ?? []), { file: relative(ROOT, file), how }]);
      }
    }
    const fromRoot = (files: string[]) => files.map((f) => relative(ROOT, f));
    return { status: result.status ?? -1, stderr: result.stderr, compiled: fromRoot(seen.compiled), opened: seen.opened, loaded: fromRoot(seen.loaded), bundleCompile: seen.bundleCompile, threads: [...threads.values()] };
  }

  it('runs a backtest from the bundle, reading its --data file once, on the thread that starts with the command', () => {
    const csv = join(dir, 'BND.csv');
    const rows = ['Date,Open,High,Low,Close,Volume'];
    for (let day = 0; day < 300; day++) {
      const date = new Date(Date.UTC(2020, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);
      const close = (100 + 10 * Math.sin(day / 9)).toFixed(2);
      rows.push(`${date},${close},${(+close + 1).toFixed(2)},${(+close - 1).toFixed(2)},${close},1000`);
    }
    writeFileSync(csv, rows.join('\n') + '\n');
    const run = recorded(['backtest', '--strategy', 'sma-cross', '--data', csv, '--json']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);

    const project = run.compiled.filter((file) => file.startsWith('dist/'));
    expect(project).toContain('dist/src/cli.js');
    // The bundle is compiled with the code cache the build keeps of it, which V8 takes.
    expect(run.loaded).toContain('dist/src/cli-app.js');
    expect(run.bundleCompile).toEqual({ cached: true, refused: false });
    // Besides the bundle, only what the entry loads before it (an application module required
    // separately as well would be a second instance of it).
    const entryOwn = project.filter((file) => file !== 'dist/src/cli-app.js');
    expect(entryOwn.length).toBeLessThan(30);
    expect(entryOwn).toContain('dist/src/modules/data/price-file.prefetch.js');
    expect(entryOwn.filter((file) => /modules\/(backtests|persistence|report|artifacts)\/(?!input\.error)/.test(file))).toEqual([]);
    expect(run.compiled.filter((file) => file.includes('node_modules/@nestjs/') || file.includes('node_modules/typeorm/'))).toEqual([]);
    // The file was read on the thread started before the application loaded, and taken from it.
    expect(run.opened.filter((path) => path.endsWith('BND.csv'))).toEqual([]);
  });

  it('starts a compare\'s worker thread from its own bundle, compiled with its code cache', () => {
    expect(recorded(['data', 'setup']).status).toBe(0);
    const compare = recorded(['compare', '--strategies', 'sma-cross', '--symbols', 'AAPL', '--from', '2015-01-02', '--to', '2016-12-30', '--json']);
    expect(compare.stderr).toBe('');
    expect(compare.status).toBe(0);
    const batchWorkers = compare.threads.filter((files) => files.some(({ file }) => file === 'dist/src/modules/backtests/batch-run.worker.js'));
    expect(batchWorkers).toHaveLength(1);
    // Its small entry and the code cache's loader, then the bundle compiled with its code cache.
    expect(batchWorkers[0].filter(({ file }) => file.startsWith('dist/'))).toEqual([
      { file: 'dist/src/modules/backtests/batch-run.entry.js', how: 'loader' },
      { file: 'dist/src/modules/config/code-cache.js', how: 'loader' },
      { file: 'dist/src/modules/backtests/batch-run.worker.js', how: 'code cache' },
    ]);
  });

  it('writes the bundles in ASCII (V8 holds their source at one byte a character), their texts unchanged', () => {
    const bundles = ['dist/src/cli-app.js', 'dist/src/modules/backtests/batch-run.worker.js', 'dist/src/modules/studies/study.worker.js'];
    for (const bundle of bundles) expect(readFileSync(join(ROOT, bundle)).findIndex((byte) => byte > 0x7f)).toBe(-1);
    // A message with characters outside ASCII (×, →) reads as written.
    const csv = join(dir, 'JMP.csv');
    writeFileSync(csv, 'Date,Open,High,Low,Close,Volume\n2020-01-02,10,11,9,10,100\n2020-01-03,250,260,240,250,100\n');
    const run = recorded(['data', 'import', csv, '--symbol', 'JMP']);
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('one-day change of 25.0× (more than 20× either way)');
  });

  it('answers --version without reading the bundle', () => {
    const version = recorded(['--version']);
    expect(version.status).toBe(0);
    expect(version.loaded).not.toContain('dist/src/cli-app.js');
    expect(version.bundleCompile).toBeNull();
  });
});
