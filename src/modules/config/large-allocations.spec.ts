import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describeWhen } from '../../../test/support/describe-when';
import { LARGE_BLOCK_BYTES } from './large-allocations';

const glibc = process.platform === 'linux' && Boolean((process.report.getReport() as { header: { glibcVersionRuntime?: string } }).header.glibcVersionRuntime);
/** koffi is an optional dependency: an install may go without it. */
const ffi = ((): boolean => {
  try {
    require.resolve('koffi');
    return true;
  } catch {
    return false;
  }
})();
const CONFIG = join(__dirname, '..', '..', '..', 'dist', 'src', 'modules', 'config');

/**
 * In a fresh process (whose arenas hold no free block that large): mallocs and frees a 24 MiB
 * block, then mallocs one of `LARGE_BLOCK_BYTES + 123` bytes; returns what mapLargeAllocationsApart
 * answered (unless `set` is false) and by how much glibc's mapped bytes (mallinfo2's hblkhd) grew.
 */
function allocateAfterLargerFree(set: boolean): { outcome: string | null; mappedGrowth: number } {
  const script = `
    const koffi = require('koffi');
    const { mapLargeAllocationsApart } = require(${JSON.stringify(join(CONFIG, 'large-allocations.js'))});
    const libc = koffi.load('libc.so.6');
    const malloc = libc.func('void *malloc(size_t)');
    const free = libc.func('void free(void *)');
    const fields = ['arena', 'ordblks', 'smblks', 'hblks', 'hblkhd', 'usmblks', 'fsmblks', 'uordblks', 'fordblks', 'keepcost'];
    const mallinfo2 = libc.func('mallinfo2', koffi.struct(Object.fromEntries(fields.map((f) => [f, 'size_t']))), []);
    const outcome = ${set} ? mapLargeAllocationsApart() : null;
    free(malloc(24 << 20));
    const before = Number(mallinfo2().hblkhd);
    const block = malloc(${LARGE_BLOCK_BYTES + 123});
    const mappedGrowth = Number(mallinfo2().hblkhd) - before;
    free(block);
    process.stdout.write(JSON.stringify({ outcome, mappedGrowth }));
  `;
  const child = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
  if (child.status !== 0) throw new Error(child.stderr);
  return JSON.parse(child.stdout) as { outcome: string | null; mappedGrowth: number };
}

describeWhen(glibc && ffi, glibc ? 'koffi, which did not install' : 'Linux with glibc', 'mapLargeAllocationsApart', () => {
  it('has glibc map a block of 4 MiB or more on pages of its own, even after a larger block was freed', () => {
    const fixed = allocateAfterLargerFree(true);
    expect(fixed.outcome).toBe('mapped apart');
    expect(fixed.mappedGrowth).toBeGreaterThanOrEqual(LARGE_BLOCK_BYTES + 123);
    // glibc's own threshold, raised by the freed block, would serve it from an arena.
    expect(allocateAfterLargerFree(false).mappedGrowth).toBe(0);
  });
});
