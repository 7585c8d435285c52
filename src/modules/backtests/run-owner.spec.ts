import { spawnSync } from 'node:child_process';
import { currentOwner, HEARTBEAT_STALE_MS, ownerState, processStartToken } from './run-owner';

const NOW = new Date('2026-11-23T12:00:00.000Z');
const fresh = new Date(NOW.getTime() - 1_000).toISOString();
const stale = new Date(NOW.getTime() - HEARTBEAT_STALE_MS - 1_000).toISOString();

/** A pid whose process has ended (a child that ran and exited). */
function endedPid(): number {
  return Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);
}

describe('ownerState', () => {
  it('takes this process as alive, whatever its heartbeat', () => {
    expect(ownerState(currentOwner(), stale, NOW)).toEqual({ alive: true });
  });

  it('takes a process that has ended as gone', () => {
    const pid = endedPid();
    const state = ownerState({ pid, host: currentOwner().host, token: 'linux:boot:1' }, fresh, NOW);
    expect(state).toEqual({ alive: false, reason: `its process ${pid} on ${currentOwner().host} ended before the run finished` });
  });

  it('does not mistake a process that reuses the pid for the owner', () => {
    const me = currentOwner();
    const state = ownerState({ pid: me.pid, host: me.host, token: 'linux:another-boot:42' }, fresh, NOW);
    if (processStartToken(me.pid) === null) {
      console.warn('skipped the pid-reuse check: /proc does not give process start times here');
      return;
    }
    expect(state).toEqual({ alive: false, reason: `its process ${me.pid} on ${me.host} ended before the run finished (the pid now belongs to another process)` });
  });

  it('judges an owner on another host by its heartbeat', () => {
    const remote = { pid: 7, host: 'elsewhere', token: 'linux:b:1' };
    expect(ownerState(remote, fresh, NOW)).toEqual({ alive: true });
    expect(ownerState(remote, stale, NOW)).toEqual({ alive: false, reason: `its process 7 on elsewhere has given no sign of life since ${stale}` });
  });

  it('takes a run stored without an owner as abandoned', () => {
    expect(ownerState(null, null, NOW)).toMatchObject({ alive: false, reason: expect.stringMatching(/without an owning process/) });
  });

  it('gives this process a start token that tells it apart from a later process with the same pid', () => {
    const token = currentOwner().token;
    if (processStartToken(process.pid) === null) expect(token).toMatch(/^started:\d+$/);
    else expect(token).toMatch(/^linux:[0-9a-f-]+:\d+$/);
  });
});
