import { catalogueProgram } from './command-line.setup';

const HELP = new Set(['-h', '--help']);
const VERSION = new Set(['-V', '--version']);

/**
 * Answers the root `--help` (or no command at all) and `--version` from the command catalogue,
 * without loading the application: they take a fraction of the time a command needs to start.
 * Returns false for every other command line.
 */
export function answerAtRoot(args: readonly string[], version: () => string): boolean {
  const only = args.length === 1 ? args[0] : undefined;
  if (args.length === 0 || (only !== undefined && HELP.has(only))) {
    catalogueProgram(version()).outputHelp();
    return true;
  }
  if (only !== undefined && VERSION.has(only)) {
    process.stdout.write(`${version()}\n`);
    return true;
  }
  return false;
}
