import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** The compiled module (`npm test` builds it first): it runs in processes of its own, as the command's entry does. */
const CODE_CACHE = resolve(__dirname, '..', 'dist', 'src', 'modules', 'config', 'code-cache.js');

/**
 * A file loaded with its code cache (src/modules/config/code-cache.ts) behaves as when required:
 * the cache is used only for the build of the file it was made from, and a cache V8 refuses
 * leaves the file compiled as usual.
 */
describe('loading a file with its code cache', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tg-code-cache-'));
  const file = join(dir, 'module.js');
  const cacheFile = `${file}.v8-cache`;
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** Runs `code` in a fresh Node process with `cc` (the module) and `file` in scope; returns its last output line as JSON. */
  function inProcess(code: string): Record<string, unknown> {
    const out = spawnSync(process.execPath, ['-e', `const cc = require(${JSON.stringify(CODE_CACHE)}); const file = ${JSON.stringify(file)}; (async () => { ${code} })().catch((e) => { console.error(e); process.exit(1); });`], { encoding: 'utf8' });
    if (out.status !== 0) throw new Error(out.stderr);
    return JSON.parse(out.stdout.trim().split('\n').pop()!) as Record<string, unknown>;
  }

  function writeModule(factor: number): void {
    writeFileSync(
      file,
      `exports.times = (x) => x * ${factor};
exports.self = () => require.cache[__filename] === module && module.exports === exports && require('./helper.js').name;
`,
    );
  }

  const load = `const r = cc.requireWithCodeCache(file); console.log(JSON.stringify({ cache: r.cache, times: r.exports.times(2), self: r.exports.self() }));`;

  beforeAll(() => writeFileSync(join(dir, 'helper.js'), "exports.name = 'helper';\n"));

  it('writes a cache the next process compiles the file with, and the file works as required', () => {
    writeModule(3);
    expect(existsSync(cacheFile)).toBe(false);
    expect(inProcess(load)).toEqual({ cache: 'none', times: 6, self: 'helper' });
    const size = inProcess(`console.log(JSON.stringify({ size: cc.writeCodeCache(file) }))`).size as number;
    expect(size).toBeGreaterThan(0);
    expect(readFileSync(cacheFile).toString('utf8', 0, 24)).toBe('tradinggroup code cache ');
    expect(inProcess(load)).toEqual({ cache: 'used', times: 6, self: 'helper' });
  });

  it('does not read the cache of an earlier build of the file', () => {
    writeModule(7);
    expect(inProcess(load)).toEqual({ cache: 'none', times: 14, self: 'helper' });
  });

  it('compiles the file as usual when V8 refuses the cache', () => {
    // The cache of the file as it was, relabelled as made for the file as it is now: V8 sees it
    // was made from another source and refuses it.
    writeModule(5);
    inProcess(`cc.writeCodeCache(file); console.log('{}')`);
    const cached = readFileSync(cacheFile);
    const payload = cached.subarray(cached.indexOf(0x0a) + 1);
    writeFileSync(file, `${readFileSync(file, 'utf8')}exports.extra = 1;\n`.replace('x * 5', 'x * 9'));
    const stat = statSync(file);
    writeFileSync(cacheFile, Buffer.concat([Buffer.from(`tradinggroup code cache ${stat.size} ${stat.mtimeMs}\n`), payload]));
    expect(inProcess(load)).toEqual({ cache: 'refused', times: 18, self: 'helper' });
  });
});
