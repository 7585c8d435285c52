import { Command, CommandRunner, Option } from 'nest-commander';
import { CLI_COMMANDS, commandMeta } from '../command.catalogue';
import { BacktestService } from '../../backtests/backtest.service';
import { printJson } from '../output/print';

/** Re-runs a stored run from its manifest; exits non-zero unless the result hash is identical. */
@Command(commandMeta(CLI_COMMANDS.replay))
export class ReplayCommand extends CommandRunner {
  constructor(private readonly backtests: BacktestService) {
    super();
  }

  @Option({ flags: '--json', description: 'print JSON' })
  parseJson(): boolean {
    return true;
  }

  async run([id]: string[], o: { json?: boolean }): Promise<void> {
    const outcome = await this.backtests.replay(id);
    if (o.json) printJson(outcome);
    else if (outcome.identical) process.stdout.write(`replay of ${id}: identical (result hash ${outcome.actual})\n`);
    else {
      const { recorded, current } = outcome.engineVersion;
      const version = recorded === current ? `engine ${current}` : `engine ${recorded} recorded, ${current} now`;
      process.stdout.write(`replay of ${id}: DIFFERENT result (${version})\n  recorded ${outcome.expected}\n  replayed ${outcome.actual}\n`);
    }
    if (!outcome.identical) process.exitCode = 1;
  }
}
