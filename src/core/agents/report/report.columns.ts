import { RowColumns } from '../../engine/growable';
import { TraceColumns } from '../../engine/trace-columns';
import { EarningsAnalysis } from './earnings.analysis';
import { FilingAnalysis } from './filing.analyser';
import { FinancialReportAgent, ReportOutput } from './financial-report.agent';

/**
 * The report agent's outputs in the decision trace's columns: each row keeps what its report was
 * composed from (the decision instant, and the symbol and analyses, which every bar of a quarter
 * shares), and `read` composes it again with the agent that wrote it. Other outputs (the
 * shared no-data output) are refused (−1) and kept whole.
 */
export class ReportColumns implements TraceColumns {
  private readonly columns: RowColumns;

  /** `capacity`: rows to make room for at once (one per bar of the run). */
  constructor(
    private readonly agent: FinancialReportAgent,
    capacity?: number,
  ) {
    this.columns = new RowColumns(1, 3, capacity);
  }

  write(output: unknown): number {
    if (!(output instanceof ReportOutput)) return -1;
    const c = this.columns;
    const row = c.add();
    const { symbol, earnings, filing, time } = output.basis;
    c.numbers[row] = time;
    c.values[3 * row] = symbol;
    c.values[3 * row + 1] = earnings;
    c.values[3 * row + 2] = filing;
    return row;
  }

  read(row: number): ReportOutput {
    const { numbers, values } = this.columns;
    const earnings = values[3 * row + 1] as EarningsAnalysis | null;
    const filing = values[3 * row + 2] as FilingAnalysis | null;
    return this.agent.compose(values[3 * row] as string, earnings, filing, numbers[row]);
  }
}
