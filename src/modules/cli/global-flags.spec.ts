import { applyGlobalFlags } from './global-flags';
import { UsageError } from './usage.error';

describe('applyGlobalFlags', () => {
  it('takes the global flags out of any place on the command line into the environment', () => {
    const env: NodeJS.ProcessEnv = {};
    const rest = applyGlobalFlags(['--db', 'runs.sqlite', 'runs', 'list', '--data-dir=d', '--limit', '5', '--backtests-dir', 'b'], env);
    expect(rest).toEqual(['runs', 'list', '--limit', '5']);
    expect(env).toEqual({ TRADINGGROUP_DB: 'runs.sqlite', TRADINGGROUP_DATA_DIR: 'd', TRADINGGROUP_BACKTESTS_DIR: 'b' });
  });

  it('leaves everything after -- alone', () => {
    const env: NodeJS.ProcessEnv = {};
    expect(applyGlobalFlags(['news', 'score', '--', '--db'], env)).toEqual(['news', 'score', '--', '--db']);
    expect(env).toEqual({});
  });

  it('refuses a global flag without its value', () => {
    for (const argv of [['--db'], ['--db', '--json'], ['--data-dir=']]) {
      expect(() => applyGlobalFlags(argv, {})).toThrow(UsageError);
    }
  });
});
