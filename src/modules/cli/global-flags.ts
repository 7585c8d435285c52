import { UsageError } from './usage.error';

/** A flag that configures the application itself, through the environment variable it overrides. */
export interface GlobalFlag {
  flag: string;
  value: string;
  env: string;
  /** Ends with its default in parentheses; the help adds the environment variable there. */
  description: string;
}

/** Applied before the application starts, so they may stand anywhere on the command line. */
export const GLOBAL_FLAGS: readonly GlobalFlag[] = [
  { flag: '--db', value: '<file>', env: 'TRADINGGROUP_DB', description: 'the SQLite database (default: tradinggroup.sqlite in the data directory)' },
  { flag: '--data-dir', value: '<dir>', env: 'TRADINGGROUP_DATA_DIR', description: 'datasets and imported inputs (default: ./data)' },
  { flag: '--backtests-dir', value: '<dir>', env: 'TRADINGGROUP_BACKTESTS_DIR', description: "the runs' artifacts (default: ./backtests)" },
];

/**
 * Takes the global flags out of `argv` (`--db x` or `--db=x`), writes their values into `env` and
 * returns the other arguments. A flag without a value is a usage error.
 */
export function applyGlobalFlags(argv: readonly string[], env: NodeJS.ProcessEnv): string[] {
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--') {
      rest.push(...argv.slice(i));
      break;
    }
    const eq = argv[i].indexOf('=');
    const name = eq === -1 ? argv[i] : argv[i].slice(0, eq);
    const global = GLOBAL_FLAGS.find((g) => g.flag === name);
    if (global === undefined) {
      rest.push(argv[i]);
      continue;
    }
    const value = eq === -1 ? argv[++i] : argv[i].slice(eq + 1);
    if (value === undefined || value === '' || (eq === -1 && value.startsWith('-'))) {
      throw new UsageError(`${global.flag}: needs a value (${global.flag} ${global.value})`, global.flag);
    }
    env[global.env] = value;
  }
  return rest;
}
