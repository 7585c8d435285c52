import { CommandRunner } from 'nest-commander';
import { UsageError } from '../usage.error';

/**
 * A command that only holds subcommands (`runs`, `data` ...): alone it prints its help; followed
 * by a word that is none of its subcommands it is a usage error naming the known ones.
 */
export abstract class CommandGroup extends CommandRunner {
  async run(params: string[]): Promise<void> {
    if (params.length === 0) return this.command.outputHelp();
    const known = this.command.commands.map((c) => c.name()).filter((n) => n !== 'help');
    throw new UsageError(`unknown command '${this.command.name()} ${params[0]}' (known: ${known.join(', ')})`);
  }
}
