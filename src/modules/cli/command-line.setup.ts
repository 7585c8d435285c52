import { Command, Help } from 'commander';
import { CatalogueEntry, CLI_COMMANDS } from './command.catalogue';
import { GLOBAL_FLAGS } from './global-flags';

/** The name the CLI goes by in usage lines and messages. */
export const CLI_NAME = 'tradinggroup';

/**
 * Applies the CLI's conventions to a commander tree: its name; argument errors thrown to the
 * caller (which prints one line and exits 2) instead of exiting; a suggestion after an unknown
 * command or flag; no stray arguments; the global flags under every help.
 */
export function configureCommandLine(root: Command): Command {
  root.name(CLI_NAME);
  root.addHelpText('afterAll', globalFlagsHelp());
  const visit = (command: Command): void => {
    command.exitOverride();
    command.showSuggestionAfterError(true);
    // A group's stray word is an unknown subcommand, which the group itself reports.
    if (command.commands.length === 0) command.allowExcessArguments(false);
    command.commands.forEach(visit);
  };
  visit(root);
  return root;
}

/** The global flags as a help section in commander's layout, shown under every command's help. */
export function globalFlagsHelp(): string {
  const help = new Help();
  const terms = GLOBAL_FLAGS.map((g) => `${g.flag} ${g.value}`);
  const width = Math.max(...terms.map((t) => t.length));
  const rows = GLOBAL_FLAGS.map((g, i) => {
    const text = `  ${terms[i].padEnd(width + 2)}${g.description.replace('(', `(${g.env}; `)}`;
    return help.wrap(text, process.stdout.columns || 80, width + 4);
  });
  return `\nGlobal flags (anywhere on the command line):\n${rows.join('\n')}\n`;
}

/** The usage term the root help shows for a catalogued command, e.g. `replay [options] <run-id>`. */
export function usageTerm(entry: CatalogueEntry): string {
  return [entry.name, entry.group ? '' : '[options]', entry.arguments ?? ''].filter(Boolean).join(' ');
}

/**
 * The root of the command line as the catalogue describes it, for the root help and `--version`
 * without starting the application. It runs no command.
 */
export function catalogueProgram(version: string): Command {
  const program = new Command();
  const entries = new Map<string, CatalogueEntry>(Object.values(CLI_COMMANDS).map((e: CatalogueEntry) => [e.name, e]));
  const standard = new Help();
  program.configureHelp({
    subcommandTerm: (command) => {
      const entry = entries.get(command.name());
      return entry === undefined ? standard.subcommandTerm(command) : usageTerm(entry);
    },
  });
  program.version(version);
  for (const entry of entries.values()) program.command(entry.name).description(entry.description);
  return configureCommandLine(program);
}
