#!/usr/bin/env node
import 'reflect-metadata';
import { CommandFactory } from 'nest-commander';
import { CliModule } from './modules/cli/cli.module';
import { reportCliError } from './modules/cli/cli-errors';
import { packageVersion } from './modules/config/package-root';

/** Global flags that configure the application itself; applied before Nest builds the modules. */
const GLOBAL_FLAGS: Record<string, string> = {
  '--db': 'TRADINGGROUP_DB',
  '--data-dir': 'TRADINGGROUP_DATA_DIR',
  '--backtests-dir': 'TRADINGGROUP_BACKTESTS_DIR',
};

function applyGlobalFlags(argv: string[]): string[] {
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    const env = GLOBAL_FLAGS[flag];
    if (!env) {
      rest.push(argv[i]);
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined) {
      process.stderr.write(`error: ${flag} needs a value\n`);
      process.exit(2);
    }
    process.env[env] = value;
  }
  return rest;
}

async function main(): Promise<void> {
  process.argv = [process.argv[0], process.argv[1], ...applyGlobalFlags(process.argv.slice(2))];
  await CommandFactory.run(CliModule, {
    logger: false,
    cliName: 'tradinggroup',
    version: packageVersion(),
    errorHandler: reportCliError,
    serviceErrorHandler: reportCliError,
  });
}

main().catch(reportCliError);
