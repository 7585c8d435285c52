import { existsSync, readdirSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { jsonOf } from './support/cli-runner';
import { lifecycleSandbox } from './support/lifecycle-sandbox';

/*
 * Sweeps and evaluations end in a final state like a run: real CLI processes are stopped once
 * a study has stored its first results (the test-only fault point `study-results-stored`),
 * then signalled, cancelled from another process, or killed with SIGKILL.
 */
describe('study lifecycle with real processes', () => {
  const { backtests, cli, atFault: heldAt } = lifecycleSandbox('tg-study-crash-', 'studies');
  const sweep = ['sweep', '--strategy', 'sma-cross', '--grid', 'fast=5..20:5,slow=30..60:10', '--symbols', 'AAPL,SPX', '--from', '2014-01-02', '--to', '2018-05-01', '--workers', '1', '--keep-best', '0'];
  const atFault = (args: string[]) => heldAt('study-results-stored', args);
  const onlyStudy = (kind: 'sweep' | 'evaluate') => {
    const list = jsonOf<Array<{ id: string; status: string; completed: number }>>(cli(kind, 'list', '--json'));
    expect(list).toHaveLength(1);
    return list[0];
  };
  const shown = (kind: 'sweep' | 'evaluate', id: string) => jsonOf(cli(kind, 'show', id, '--json'));

  it('stores a sweep stopped by SIGINT as cancelled, without its results, and exits with 130', async () => {
    const live = atFault(sweep);
    await live.waitFor(/fault point study-results-stored reached/);
    const running = onlyStudy('sweep');
    expect([running.status, running.completed > 0]).toEqual(['running', true]);
    live.child.kill('SIGINT');
    expect(await live.exited).toBe(130);
    expect(live.stderr()).toMatch(/\nerror: cancelled by SIGINT\n$/);
    const study = shown('sweep', running.id);
    expect([study.status, study.error, study.results]).toEqual(['cancelled', 'cancelled by SIGINT', []]);
    expect(existsSync(join(backtests, running.id))).toBe(false);
  });

  it('stops an evaluation on SIGTERM with exit code 143', async () => {
    const live = atFault(['evaluate', '--strategies', 'sma-cross', '--symbols', 'AAPL,SPX', '--from', '2013-06-03', '--to', '2018-05-11', '--window', '1y', '--workers', '1']);
    await live.waitFor(/fault point study-results-stored reached/);
    const running = onlyStudy('evaluate');
    live.child.kill('SIGTERM');
    expect(await live.exited).toBe(143);
    expect(shown('evaluate', running.id)).toMatchObject({ status: 'cancelled', error: 'cancelled by SIGTERM', results: [] });
  });

  it('cancels a sweep running in another process with "sweep cancel"; the process stops on its own', async () => {
    const live = atFault(sweep);
    await live.waitFor(/fault point study-results-stored reached/);
    const { id } = onlyStudy('sweep');
    const cancelled = cli('sweep', 'cancel', id);
    expect([cancelled.status, cancelled.stdout, cancelled.stderr]).toEqual([0, `sweep ${id} is cancelled\n`, '']);
    // The owner reads the status at its next heartbeat (every 400 ms) and stops.
    expect(await live.exited).toBe(1);
    expect(live.stderr()).toMatch(new RegExp(`\\nerror: sweep ${id} is cancelled: cancelled with "tradinggroup sweep cancel"\\n$`));
    expect(shown('sweep', id)).toMatchObject({ status: 'cancelled', error: 'cancelled with "tradinggroup sweep cancel"', results: [] });
    const again = cli('sweep', 'cancel', id);
    expect([again.status, again.stderr]).toEqual([1, `error: sweep ${id} is cancelled: only a running sweep can be cancelled\n`]);
    expect(cli('evaluate', 'cancel', id).stderr).toBe(`error: no evaluation with id ${id}\n`);
  });

  it('marks a sweep killed with SIGKILL as interrupted at the next command, with nothing half-written left', async () => {
    const live = atFault(sweep);
    await live.waitFor(/fault point study-results-stored reached/);
    const { id } = onlyStudy('sweep');
    expect(jsonOf(cli('sweep', 'show', id, '--json')).results.length).toBeGreaterThan(0);
    live.child.kill('SIGKILL');
    await live.exited;
    const next = cli('sweep', 'show', id, '--json');
    const reason = `its process ${live.child.pid} on ${hostname()} ended before the study finished`;
    expect(next.stderr).toBe(`note: sweep ${id} is interrupted: ${reason}\n`);
    expect(jsonOf(next)).toMatchObject({ status: 'interrupted', error: reason, results: [] });
    expect(cli('sweep', 'list').stderr).toBe('');
    expect(existsSync(join(backtests, id))).toBe(false);
    expect(existsSync(backtests) ? readdirSync(backtests) : []).toEqual([]);
  });
});
