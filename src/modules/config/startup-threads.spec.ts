import { spawnSync } from 'node:child_process';
import { constants } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from './package-root';

/** Runs the compiled module in a process of its own (`npm test` builds it first), loaded first as entry files do. */
const describeOnLinux = process.platform === 'linux' ? describe : describe.skip;

describeOnLinux('lowerStartupThreadsPriority', () => {
  it("lowers the threads the process started with, and neither the main thread nor libuv's pool started later", () => {
    const module = join(packageRoot(), 'dist', 'src', 'modules', 'config', 'startup-threads.js');
    const script = `const { lowerStartupThreadsPriority } = require(${JSON.stringify(module)});
      const fs = require('node:fs'), os = require('node:os');
      const nice = (tid) => os.getPriority(tid);
      fs.readFile('/proc/self/stat', () => {
        const lowered = lowerStartupThreadsPriority();
        const all = fs.readdirSync('/proc/self/task').map(Number);
        const rest = all.filter((t) => t !== process.pid && !lowered.includes(t));
        process.stdout.write(JSON.stringify({ main: nice(process.pid), lowered: lowered.map(nice), rest: rest.map(nice) }));
      });`;
    const child = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    expect(child.stderr).toBe('');
    const seen = JSON.parse(child.stdout) as { main: number; lowered: number[]; rest: number[] };
    // V8's platform threads (4 by default) and Node's task scheduler at least.
    expect(seen.lowered.length).toBeGreaterThanOrEqual(4);
    expect(new Set(seen.lowered)).toEqual(new Set([Math.max(seen.main, constants.priority.PRIORITY_BELOW_NORMAL)]));
    // libuv's pool, started by the read after the module loaded.
    expect(seen.rest.length).toBeGreaterThanOrEqual(1);
    expect(seen.rest.every((n) => n === seen.main)).toBe(true);
  });
});
