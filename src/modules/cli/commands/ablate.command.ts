import { Command, Option } from 'nest-commander';
import { CLI_COMMANDS, commandMeta } from '../command.catalogue';
import type { PerformanceMetrics } from '../../../core/metrics';
import { ABLATION_CONFIGS, ablationVariant } from '../../backtests/ablation';
import { BacktestService } from '../../backtests/backtest.service';
import { InputError } from '../../backtests/input.error';
import { StrategyCatalog } from '../../backtests/strategy.catalog';
import { DataService } from '../../data/data.service';
import { fixed, integer, percent } from '../output/format';
import { printJson, printNotices } from '../output/print';
import { Progress } from '../output/progress';
import { renderTable } from '../output/table';
import { cancellableBySignals } from '../signal-cancel';
import { buildRunRequest } from './run-request';
import { RunOptions, RunOptionsCommand } from './run-options';

interface AblateOptions extends RunOptions {
  strategy?: string;
  symbol?: string;
}

const COLUMNS: Array<[string, (m: PerformanceMetrics) => number | null, (v: number | null) => string]> = [
  ['CR', (m) => m.totalReturn, (v) => percent(v)],
  ['Sharpe', (m) => m.sharpe, (v) => fixed(v)],
  ['MDD', (m) => m.maxDrawdown, (v) => percent(v)],
  ['AV', (m) => m.annualVolatility, (v) => percent(v)],
  ['Trades', (m) => m.tradeCount, (v) => integer(v)],
];

/**
 * Runs the paper's ablation (none; risk + position control; reflection + position control;
 * all) and prints each metric with its change against the all-off base.
 */
@Command(commandMeta(CLI_COMMANDS.ablate))
export class AblateCommand extends RunOptionsCommand {
  constructor(
    private readonly backtests: BacktestService,
    private readonly strategies: StrategyCatalog,
    private readonly data: DataService,
  ) {
    super();
  }

  @Option({ flags: '-s, --strategy <name|file.json>', description: 'a strategy with module switches (default tradinggroup)' })
  parseStrategy(v: string): string {
    return v;
  }

  @Option({ flags: '--symbol <symbol>', description: 'an imported dataset, or the symbol to take from --data' })
  parseSymbol(v: string): string {
    return v;
  }

  async run(_p: string[], o: AblateOptions): Promise<void> {
    const name = o.strategy ?? 'tradinggroup';
    const base = this.strategies.get(name);
    if (!('modules' in (base.params ?? {})) && base.kind !== 'tradinggroup') {
      throw new InputError(`--strategy: ${name} has no module switches to ablate`, '--strategy');
    }
    const progress = new Progress(ABLATION_CONFIGS.length, 'ablate', !o.json);
    const rows: Array<{ label: string; id: string; metrics: PerformanceMetrics }> = [];
    try {
      await cancellableBySignals(async (signal) => {
        for (const config of ABLATION_CONFIGS) {
          progress.update(rows.length, config.label);
          const { request, notices } = buildRunRequest(name, o.symbol, o, this.strategies, this.data);
          if (rows.length === 0) printNotices(notices);
          request.spec.strategy = ablationVariant(request.spec.strategy as typeof base, config);
          const done = await this.backtests.run(request, { signal });
          rows.push({ label: config.label, id: done.record.id, metrics: done.metrics.default });
        }
      });
    } finally {
      progress.update(ABLATION_CONFIGS.length);
      progress.stop();
    }
    if (o.json) return printJson(rows.map((r) => ({ ...r, delta: deltas(r.metrics, rows[0].metrics) })));
    const head = ['Modules', ...COLUMNS.flatMap(([n]) => [n, `Δ${n}`]), 'Run'];
    const table = rows.map((r) => [
      r.label,
      ...COLUMNS.flatMap(([, get, fmt]) => {
        const v = get(r.metrics);
        const b = get(rows[0].metrics);
        return [fmt(v), v === null || b === null ? '–' : signedOf(fmt(v - b))];
      }),
      r.id,
    ]);
    process.stdout.write(`${renderTable(head, table, head.map((_, i) => (i === 0 || i === head.length - 1 ? 'left' : 'right')))}\n`);
    process.stdout.write('Δ: change against the all-off base ("none"). News and report modules as in the strategy file.\n');
  }
}

function deltas(m: PerformanceMetrics, base: PerformanceMetrics): Record<string, number | null> {
  return Object.fromEntries(COLUMNS.map(([n, get]) => {
    const v = get(m);
    const b = get(base);
    return [n, v === null || b === null ? null : v - b];
  }));
}

function signedOf(text: string): string {
  return text.startsWith('-') || text === '–' ? text : `+${text}`;
}
