import { Command, Option } from 'nest-commander';
import { StudyMetric } from '../../../core/studies/study-metric';
import { StudiesService } from '../../studies/studies.service';
import { CLI_COMMANDS, commandMeta } from '../command.catalogue';
import { UsageError } from '../usage.error';
import { parseOrderFlag, parseSortFlag, StudyOptions, StudyOptionsCommand, studyRunOptions } from './study-options';
import { wholeNumber } from './flag-values';
import { cancelStudy, keepStudyRuns, listStudies, runStudy, showStudy } from './study-run';

interface SweepOptions extends StudyOptions {
  strategy?: string;
  grid?: string;
  keepBest?: number;
  walkForward?: { train: string; test: string };
}

/**
 * `sweep`: a strategy over a parameter grid × symbols on worker threads; every run's metrics
 * stored, the best runs stored in full; ranked, summarised and reported.
 */
@Command(commandMeta(CLI_COMMANDS.sweep))
export class SweepCommand extends StudyOptionsCommand {
  constructor(private readonly studies: StudiesService) {
    super();
  }

  @Option({ flags: '-s, --strategy <name|file.json>', description: 'a strategy from strategies/ or a path to a strategy file' })
  parseStrategy(v: string): string {
    return v;
  }

  @Option({ flags: '--grid <grid>', description: 'parameters to vary: name=from..to:step or name=a|b|c, comma-separated, e.g. fast=5..20:5,slow=20..60:10' })
  parseGrid(v: string): string {
    return v;
  }

  @Option({ flags: '--sort <metric>', description: 'rank by this metric (default sharpe)' })
  parseSort(v: string): StudyMetric {
    return parseSortFlag(v);
  }

  @Option({ flags: '--order <order>', description: 'desc (default: higher first) | asc' })
  parseOrder(v: string): string {
    return parseOrderFlag(v);
  }

  @Option({ flags: '--keep-best <n>', description: 'store the best n runs in full: equity, trades, trace, artifacts (default 3)' })
  parseKeepBest(v: string): number {
    return wholeNumber('--keep-best', v, 0, 10_000);
  }

  @Option({ flags: '--walk-forward <train:test>', description: 'choose the parameters on each training span, test them on the span after it, roll: e.g. 2y:1y' })
  parseWalkForward(v: string): { train: string; test: string } {
    const [train, test, extra] = v.split(':');
    if (!train || !test || extra !== undefined) throw new UsageError(`--walk-forward: expected TRAIN:TEST spans such as 2y:1y, got "${v}"`);
    return { train, test };
  }

  async run(params: string[], o: SweepOptions): Promise<void> {
    if (params.length > 0) return this.other(params, o);
    for (const [flag, value] of [['--strategy', o.strategy], ['--grid', o.grid], ['--symbols', o.symbols]] as const) {
      if (value === undefined) throw new UsageError(`sweep: ${flag} is required`);
    }
    const request = {
      ...studyRunOptions(o),
      strategy: o.strategy!,
      grid: o.grid!,
      symbols: o.symbols!,
      ...(o.sort && { metric: o.sort }),
      ...(o.order && { order: o.order }),
      ...(o.keepBest !== undefined && { keepBest: o.keepBest }),
      ...(o.walkForward && { walkForward: o.walkForward }),
    };
    await runStudy(this.studies, 'sweep', (execution) => this.studies.startSweep(request, execution), o);
  }

  /**
   * `sweep show <id>` (ranked by --sort, --order; --top rows; --json), `sweep list`, and
   * `sweep keep <id> <index...>` (those runs stored in full), `sweep cancel <id>`.
   */
  private async other([action, id, ...rest]: string[], o: SweepOptions): Promise<void> {
    if (action === 'show' && id !== undefined && rest.length === 0) return showStudy(this.studies, 'sweep', id, o);
    if (action === 'list' && id === undefined) return listStudies(this.studies, 'sweep', o.json === true);
    if (action === 'keep' && id !== undefined) return keepStudyRuns(this.studies, 'sweep', id, rest, o.json === true);
    if (action === 'cancel' && id !== undefined && rest.length === 0) return cancelStudy(this.studies, 'sweep', id, o.json === true);
    if (action === 'show' && id === undefined) throw new UsageError('sweep show: the id of a stored sweep is required (sweep list shows them)');
    throw new UsageError(`unknown command 'sweep ${[action, id, ...rest].filter(Boolean).join(' ')}' (known: sweep show <id>, sweep list, sweep keep <id> <index...>, sweep cancel <id>)`);
  }
}
