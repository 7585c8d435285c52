#!/usr/bin/env node
// First: it notes the threads the process started with (see startup-threads.ts).
import './modules/config/startup-threads';
import { reportCliError } from './modules/cli/cli-errors';
import { prefetchDataFileOf } from './modules/cli/data-file-prefetch';
import { applyGlobalFlags } from './modules/cli/global-flags';
import { dropOutputAfterClosedPipe } from './modules/cli/output/closed-pipe.guard';
import { answerAtRoot } from './modules/cli/root-answers';
import { requireWithCodeCache } from './modules/config/code-cache';
import { mapLargeAllocationsApart } from './modules/config/large-allocations';
import { packageVersion } from './modules/config/package-root';

/*
 * The `tradinggroup` command. The root help and the version are answered before the application
 * is loaded; every other command starts the Nest application with its modules (cli-app.ts).
 */
async function main(): Promise<void> {
  dropOutputAfterClosedPipe(process.stdout);
  dropOutputAfterClosedPipe(process.stderr);
  const args = applyGlobalFlags(process.argv.slice(2), process.env);
  if (answerAtRoot(args, packageVersion)) return;
  process.argv = [process.argv[0], process.argv[1], ...args];
  // Before the data and the bundle are read: a long run's columns are then given back when freed.
  mapLargeAllocationsApart();
  // A --data file is read on a thread of its own while the application loads.
  prefetchDataFileOf(args);
  // The application, compiled with the code cache the build keeps of its bundle (code-cache.ts).
  const { runCliApplication } = requireWithCodeCache(require.resolve('./cli-app')).exports as typeof import('./cli-app');
  await runCliApplication();
}

main().catch(reportCliError);
