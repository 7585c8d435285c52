import { readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { Script } from 'node:vm';

/*
 * A bundle (the command's, dist/src/cli-app.js, some 9 MB of JavaScript; a pool thread's) would
 * be compiled by V8 at every start: about 150 ms before a command's first line runs. The build
 * keeps V8's code cache of the bundle (the functions compiled while the build loaded it) next to
 * it, and the bundle is loaded with that cache. A cache made for an older build of the file is
 * not read; one made by another Node or under other V8 flags is refused by V8 itself. Either way
 * the file is then compiled as usual: the cache changes how fast a command starts, never what it
 * does.
 *
 * One difference on Node 20: code compiled this way cannot call `import()`, not even through
 * `Function` (V8 gives the script none of the host's options for it). The build refuses a bundle
 * with an `import()` outside the few packages whose dynamic loading no command reaches
 * (scripts/bundle-cli.js).
 */

/** How a file was loaded: with its code cache, compiled because V8 refused the cache, or without a cache. */
export type CodeCacheUse = 'used' | 'refused' | 'none';

const HEADER = 'tradinggroup code cache';

/** The file the code cache of `file` is kept in. */
export function codeCacheFile(file: string): string {
  return `${file}.v8-cache`;
}

/**
 * Requires the CommonJS file `file` (an absolute path) as `require` would, compiled with its code
 * cache when there is one for this very build of it; without one, it is simply required.
 */
export function requireWithCodeCache(file: string): { exports: unknown; cache: CodeCacheUse } {
  const loaded = require.cache[file];
  if (loaded) return { exports: loaded.exports, cache: 'none' };
  const cachedData = readCodeCache(file);
  if (cachedData === undefined) return { exports: require(file), cache: 'none' };
  const script = compile(file, cachedData);
  return { exports: run(file, script), cache: script.cachedDataRejected ? 'refused' : 'used' };
}

/**
 * Loads `file` (running its top level, as a command does first) and writes its code cache: the
 * functions compiled by then, which is most of what a command's start compiles. Run by the build
 * in a process of its own. Returns the cache's size in bytes.
 */
export function writeCodeCache(file: string): number {
  const script = compile(file, undefined);
  run(file, script);
  const data = script.createCachedData();
  const target = codeCacheFile(file);
  const partial = `${target}.${process.pid}.partial`;
  writeFileSync(partial, Buffer.concat([Buffer.from(`${HEADER} ${fingerprint(file)}\n`), data]));
  renameSync(partial, target);
  return data.length;
}

/** The build of `file` a cache belongs to: its size and modification time. */
function fingerprint(file: string): string {
  const stat = statSync(file);
  return `${stat.size} ${stat.mtimeMs}`;
}

/** The cached data kept for this build of `file`, if any. */
function readCodeCache(file: string): Buffer | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(codeCacheFile(file));
  } catch {
    return undefined;
  }
  const end = bytes.indexOf(0x0a);
  if (end === -1 || bytes.toString('utf8', 0, end) !== `${HEADER} ${fingerprint(file)}`) return undefined;
  return bytes.subarray(end + 1);
}

function compile(file: string, cachedData: Buffer | undefined): Script {
  return new Script(Module.wrap(readFileSync(file, 'utf8')), { filename: file, cachedData });
}

/** Runs a compiled CommonJS file as its module, registered where `require` finds it. */
function run(file: string, script: Script): unknown {
  const module = new Module(file, require.main);
  module.filename = file;
  require.cache[file] = module;
  try {
    const body = script.runInThisContext() as (exports: unknown, require: NodeRequire, module: Module, filename: string, dirname: string) => void;
    body.call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
  } catch (error) {
    delete require.cache[file];
    throw error;
  }
  module.loaded = true;
  return module.exports;
}
