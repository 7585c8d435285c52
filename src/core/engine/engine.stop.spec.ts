import { randomWalkSeries } from '../testing/random-walk';
import { ScriptedStrategy } from '../testing/scripted.strategy';
import { DEFAULT_ENGINE_CONFIG } from './engine-config';
import { RunHaltedError, runBacktest, STOP_CHECK_EVERY } from './engine';

describe('runBacktest with a shouldStop hook', () => {
  const bars = randomWalkSeries(1_000, 3, 'RW', '2010-01-04');
  const strategy = () => new ScriptedStrategy(new Map([[10, [{ side: 'buy' as const, qty: 5 }]], [500, [{ side: 'sell' as const, qty: 5 }]]]));

  it('stops at the first check after the hook says so, naming the bar', () => {
    let asked = 0;
    const run = () => runBacktest(bars, strategy(), DEFAULT_ENGINE_CONFIG, undefined, { shouldStop: () => ++asked === 3 });
    expect(run).toThrow(RunHaltedError);
    // Asked at bars 0, 64 and 128: stopped at the third.
    expect(asked).toBe(3);
    asked = 0;
    expect(run).toThrow(`the run was stopped at bar ${2 * STOP_CHECK_EVERY}`);
  });

  it('is asked every STOP_CHECK_EVERY bars and changes nothing while it answers false', () => {
    let asked = 0;
    const watched = runBacktest(bars, strategy(), DEFAULT_ENGINE_CONFIG, undefined, { shouldStop: () => (asked++, false) });
    const plain = runBacktest(bars, strategy(), DEFAULT_ENGINE_CONFIG);
    expect(watched.trades.length).toBeGreaterThan(0);
    expect(asked).toBe(Math.ceil(1_000 / STOP_CHECK_EVERY));
    expect(Array.from(watched.equity)).toEqual(Array.from(plain.equity));
    expect(watched.trades).toEqual(plain.trades);
  });
});
