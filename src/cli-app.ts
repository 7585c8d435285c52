import 'reflect-metadata';
import { CommandFactory } from 'nest-commander';
import { reportCliError } from './modules/cli/cli-errors';
import { CliModule } from './modules/cli/cli.module';
import { packageVersion } from './modules/config/package-root';

/**
 * The command-line application: every command but the root help and the version (which
 * src/cli.ts answers before loading this). The build bundles this module with the modules it
 * loads into one file (scripts/bundle-cli.js).
 */
export async function runCliApplication(): Promise<void> {
  await CommandFactory.run(CliModule, {
    logger: false,
    // A module that fails to start (a database that does not answer) is reported like any other error, not by Nest's silent exit.
    abortOnError: false,
    version: packageVersion(),
    serviceErrorHandler: reportCliError,
  });
}
