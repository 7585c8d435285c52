import { Command, Option } from 'nest-commander';
import { StudyMetric } from '../../../core/studies/study-metric';
import { StudiesService } from '../../studies/studies.service';
import { CLI_COMMANDS, commandMeta } from '../command.catalogue';
import { UsageError } from '../usage.error';
import { wholeNumber } from './flag-values';
import { parseOrderFlag, parseSortFlag, StudyOptions, StudyOptionsCommand, studyRunOptions } from './study-options';
import { cancelStudy, keepStudyRuns, listStudies, runStudy, showStudy } from './study-run';

interface EvaluateOptions extends StudyOptions {
  strategies?: string[];
  window?: string;
  step?: string;
  metric?: StudyMetric;
  benchmark?: string;
  seed?: number;
  resamples?: number;
}

/**
 * `evaluate`: strategies on symbols over rolling windows (FINSABER-style), each run's metrics
 * stored; per strategy the distribution of the metric, the share of windows beating the
 * benchmark, and seeded bootstrap intervals of the mean and of the difference to the benchmark.
 */
@Command(commandMeta(CLI_COMMANDS.evaluate))
export class EvaluateCommand extends StudyOptionsCommand {
  constructor(private readonly studies: StudiesService) {
    super();
  }

  @Option({ flags: '--strategies <list>', description: 'comma-separated strategy names or files' })
  parseStrategies(v: string): string[] {
    return v.split(',').map((s) => s.trim()).filter(Boolean);
  }

  @Option({ flags: '--window <span>', description: 'length of each window: e.g. 2y, 18m, 26w, 90d' })
  parseWindow(v: string): string {
    return v;
  }

  @Option({ flags: '--step <span>', description: 'how far each window starts after the previous one (default: the window, no overlap)' })
  parseStep(v: string): string {
    return v;
  }

  @Option({ flags: '--metric <metric>', description: 'the metric summarised and compared (default sharpe)' })
  parseMetric(v: string): StudyMetric {
    return parseSortFlag(v);
  }

  @Option({ flags: '--benchmark <strategy>', description: 'compared with every other strategy on the same symbol and window (default buy-and-hold; run when not listed)' })
  parseBenchmark(v: string): string {
    return v;
  }

  @Option({ flags: '--seed <n>', description: 'seed of the bootstrap resampling (default 0)' })
  parseSeed(v: string): number {
    return wholeNumber('--seed', v, 0, 2 ** 32 - 1);
  }

  @Option({ flags: '--resamples <n>', description: 'bootstrap resamples (default 10000)' })
  parseResamples(v: string): number {
    return wholeNumber('--resamples', v, 100, 1_000_000);
  }

  @Option({ flags: '--sort <metric>', description: 'rank the runs by this metric (default: --metric)' })
  parseSort(v: string): StudyMetric {
    return parseSortFlag(v);
  }

  async run(params: string[], o: EvaluateOptions): Promise<void> {
    if (params.length > 0) return this.other(params, o);
    for (const [flag, value] of [['--strategies', o.strategies], ['--symbols', o.symbols], ['--window', o.window]] as const) {
      if (value === undefined) throw new UsageError(`evaluate: ${flag} is required`);
    }
    const request = {
      ...studyRunOptions(o),
      strategies: o.strategies!,
      symbols: o.symbols!,
      window: o.window!,
      step: o.step ?? o.window!,
      ...(o.metric && { metric: o.metric }),
      ...(o.benchmark && { benchmark: o.benchmark }),
      ...(o.seed !== undefined && { seed: o.seed }),
      ...(o.resamples !== undefined && { resamples: o.resamples }),
    };
    await runStudy(this.studies, 'evaluation', (execution) => this.studies.startEvaluation(request, execution), o);
  }

  /**
   * `evaluate show <id>` (ranked by --sort, --order; --top rows; --json), `evaluate list`, and
   * `evaluate keep <id> <index...>` (those runs stored in full), `evaluate cancel <id>`.
   */
  private async other([action, id, ...rest]: string[], o: EvaluateOptions): Promise<void> {
    if (action === 'show' && id !== undefined && rest.length === 0) return showStudy(this.studies, 'evaluation', id, o);
    if (action === 'list' && id === undefined) return listStudies(this.studies, 'evaluation', o.json === true);
    if (action === 'keep' && id !== undefined) return keepStudyRuns(this.studies, 'evaluation', id, rest, o.json === true);
    if (action === 'cancel' && id !== undefined && rest.length === 0) return cancelStudy(this.studies, 'evaluation', id, o.json === true);
    if (action === 'show' && id === undefined) throw new UsageError('evaluate show: the id of a stored evaluation is required (evaluate list shows them)');
    throw new UsageError(`unknown command 'evaluate ${[action, id, ...rest].filter(Boolean).join(' ')}' (known: evaluate show <id>, evaluate list, evaluate keep <id> <index...>, evaluate cancel <id>)`);
  }
}
