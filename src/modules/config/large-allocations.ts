/*
 * Where the C allocator puts large blocks, on Linux with glibc. glibc serves a block from its
 * arenas, which keep a freed block's memory for the process, unless the block is at least its
 * mmap threshold: such a block gets pages of its own, given back to the system when it is
 * freed. glibc raises that threshold to the size of any such block freed, up to 32 MiB. A
 * command frees a 16 MB block while it reads its bundle, after which a long run's columns (8 MB
 * each for a million bars) came from the arenas: the 1M-bar backtest still held some 40 MB it
 * no longer used when its peak came. The threshold is fixed at LARGE_BLOCK_BYTES as a process
 * starts, through the FFI package koffi (an optional dependency): blocks from that size on are
 * mapped apart, smaller ones are served by the arenas as before. Without glibc or without koffi
 * nothing changes but the memory a long run keeps.
 */

/** Blocks of this many bytes and more are mapped on their own pages: 4 MiB, a column of 524,288 bars. */
export const LARGE_BLOCK_BYTES = 4 << 20;

/** glibc's mallopt parameter M_MMAP_THRESHOLD (malloc.h). */
const M_MMAP_THRESHOLD = -3;

/** Whether the threshold was set, or why not. */
export type LargeAllocations = 'mapped apart' | 'not glibc' | 'no ffi' | 'refused';

/** What of koffi is used here (typed here: an optional dependency may be missing when this compiles). */
interface Ffi {
  load(library: string): { func(signature: string): (...args: number[]) => number };
}

let outcome: LargeAllocations | undefined;

/** Fixes glibc's mmap threshold at LARGE_BLOCK_BYTES (once per process; threads share it). */
export function mapLargeAllocationsApart(): LargeAllocations {
  return (outcome ??= setThreshold());
}

function setThreshold(): LargeAllocations {
  if (process.platform !== 'linux') return 'not glibc';
  let ffi: Ffi;
  try {
    ffi = require('koffi') as Ffi;
  } catch {
    return 'no ffi';
  }
  let mallopt: (parameter: number, value: number) => number;
  try {
    // musl and other C libraries have no libc.so.6, or no mallopt.
    mallopt = ffi.load('libc.so.6').func('int mallopt(int, int)');
  } catch {
    return 'not glibc';
  }
  return mallopt(M_MMAP_THRESHOLD, LARGE_BLOCK_BYTES) === 1 ? 'mapped apart' : 'refused';
}
