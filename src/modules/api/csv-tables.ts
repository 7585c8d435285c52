import { csvNumber } from '../artifacts/csv';
import type { CsvTable } from './csv.interceptor';
import type { CompareDto } from './dto/compare.dto';
import type { DecisionsDto, EquityDto, TradesDto } from './dto/run-results.dto';
import type { RunPageDto } from './dto/run.dto';
import { DEFAULT_METRICS, FINSABER_METRICS } from './run-sort';

/** A JSON value as one CSV field: numbers at full precision, null and undefined empty. */
function field(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return csvNumber(value);
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

function metricFields(metrics: Record<string, unknown> | null | undefined, names: readonly string[]): string[] {
  return names.map((m) => field(metrics?.[m]));
}

const FINSABER_HEADER = FINSABER_METRICS.map((m) => `finsaber.${m}`);

/** `GET /backtests` as CSV: one run per row, default and FINSABER metrics as columns. */
export function runsTable(page: RunPageDto): CsvTable {
  const header = ['id', 'status', 'progressPct', 'strategy', 'symbol', 'profile', 'mode', 'from', 'to', 'createdAt', 'finishedAt', 'error', ...DEFAULT_METRICS, ...FINSABER_HEADER];
  const rows = page.items.map((r) => {
    const m = (r.metrics ?? {}) as { default?: Record<string, unknown>; finsaber?: Record<string, unknown> };
    return [
      r.id, r.status, field(r.progressPct), r.strategy, r.symbol, r.profile, r.mode, r.from, r.to, r.createdAt, field(r.finishedAt), field(r.error),
      ...metricFields(m.default, DEFAULT_METRICS),
      ...metricFields(m.finsaber, FINSABER_METRICS),
    ];
  });
  return { header, rows };
}

/** `GET /backtests/:id/equity` as CSV. */
export function equityTable(body: EquityDto): CsvTable {
  const c = body.columns;
  const first = body.firstBarIndex ?? 0;
  return {
    header: ['barIndex', 'date', 'equity', 'cash', 'position', 'close'],
    rows: c.date.map((date, i) => [String(first + i), date, field(c.equity[i]), field(c.cash[i]), field(c.position[i]), field(c.close[i])]),
  };
}

/** `GET /backtests/:id/trades` as CSV. */
export function tradesTable(body: TradesDto): CsvTable {
  const header = ['direction', 'entryBar', 'entryDate', 'entryPrice', 'exitBar', 'exitDate', 'exitPrice', 'qty', 'maxQty', 'pnl', 'returnPct', 'commission', 'exitReason', 'barsHeld'] as const;
  return { header: [...header], rows: body.items.map((t) => header.map((h) => field(t[h]))) };
}

/** `GET /backtests/:id/decisions` as CSV: the agent output as JSON text. */
export function decisionsTable(body: DecisionsDto): CsvTable {
  return {
    header: ['barIndex', 'date', 'agent', 'output'],
    rows: body.items.map((d) => [String(d.barIndex), d.date, d.agent, field(d.output)]),
  };
}

/** `GET /compare` as CSV: one run per row. */
export function compareTable(body: CompareDto): CsvTable {
  return {
    header: ['id', 'strategy', 'symbol', 'profile', 'from', 'to', 'status', 'error', ...body.columns, ...FINSABER_HEADER],
    rows: body.rows.map((r) => [
      r.id, r.strategy, r.symbol, r.profile, r.from, r.to, r.status, field(r.error),
      ...metricFields(r.default, body.columns),
      ...metricFields(r.finsaber, FINSABER_METRICS),
    ]),
  };
}
