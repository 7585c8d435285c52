import { Command, CommandRunner, Option, SubCommand } from 'nest-commander';
import { CLI_COMMANDS, commandMeta } from '../command.catalogue';
import { CommandGroup } from './command-group';
import { FEATURE_COUNT } from '../../../core/agents/forecast/forecast-features';
import { caseDefect } from '../../../core/reflection/case-integrity';
import { MemoryCase } from '../../../core/reflection/memory-case';
import { InputError, NotFoundError } from '../../backtests/input.error';
import { MemoryRepository } from '../../persistence/memory.repository';
import { fixed, integer, percent } from '../output/format';
import { printJson } from '../output/print';
import { renderTable } from '../output/table';

/** One case as `memory show` prints it. */
export interface MemoryCaseRow {
  /** `<source run>/<case id>`, the key a run's manifest lists. */
  id: string;
  decidedAt: string;
  knownAt: string;
  symbol: string;
  sourceRun: string;
  forecast: { label: string; realised: string; pct: number; wHit: number };
  decision: { action: string; best: string; regret: number };
  style: string;
}

/** What `memory show --json` prints. */
export interface MemoryView {
  name: string;
  symbol: string | null;
  /** Rows stored under the name (usable and rejected). */
  stored: number;
  usable: number;
  /** The most recent usable cases by known time, oldest first (at most --limit). */
  cases: MemoryCaseRow[];
  /** Cases a run would leave out, with the reason (checksum or validation). */
  rejected: Array<{ id: string; reason: string }>;
}

const DEFAULT_LIMIT = 20;

/** `memory list`: one line per named memory (run scopes are not listed). */
@SubCommand({ name: 'list', description: 'named memories: cases, symbols, runs, first decision, last known label' })
export class MemoryListCommand extends CommandRunner {
  constructor(private readonly memories: MemoryRepository) {
    super();
  }

  @Option({ flags: '--json', description: 'print JSON' })
  parseJson(): boolean {
    return true;
  }

  async run(_params: string[], o: { json?: boolean }): Promise<void> {
    const list = await this.memories.listMemories();
    if (o.json) return printJson(list);
    if (list.length === 0) {
      process.stdout.write('no named memories yet: a tradinggroup run with params.reflection = { scope: "named", memory: "<name>" } creates one\n');
      return;
    }
    const rows = list.map((m) => [m.name, integer(m.cases), m.symbols.join(','), integer(m.runs), minute(m.firstDecision), minute(m.lastKnown)]);
    process.stdout.write(
      `${renderTable(['Memory', 'Cases', 'Symbols', 'Runs', 'First decision (UTC)', 'Last known label (UTC)'], rows, ['left', 'right', 'left', 'right', 'left', 'left'])}\n`,
    );
  }
}

/**
 * `memory show <name>`: the most recent usable cases and every rejected one. A case is rejected
 * when its stored text no longer matches its checksum, or when it fails the validation a run
 * applies before retrieval (the same `caseDefect` check).
 */
@SubCommand({ name: 'show', arguments: '<name>', description: 'the cases of a memory (named, or run:<id>) and those rejected, with the reason' })
export class MemoryShowCommand extends CommandRunner {
  constructor(private readonly memories: MemoryRepository) {
    super();
  }

  @Option({ flags: '--symbol <symbol>', description: 'only the cases of this symbol' })
  parseSymbol(v: string): string {
    return v;
  }

  @Option({ flags: '--limit <n>', description: `the n most recent cases (default ${DEFAULT_LIMIT}; 0 for all)` })
  parseLimit(v: string): number {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0) throw new InputError(`--limit: expected a whole number >= 0, got "${v}"`, '--limit');
    return n;
  }

  @Option({ flags: '--json', description: 'print JSON' })
  parseJson(): boolean {
    return true;
  }

  async run([name]: string[], o: { symbol?: string; limit?: number; json?: boolean }): Promise<void> {
    const view = await this.viewOf(name, o.symbol ?? null, o.limit ?? DEFAULT_LIMIT);
    if (o.json) return printJson(view);
    process.stdout.write(`${renderView(view)}\n`);
  }

  private async viewOf(name: string, symbol: string | null, limit: number): Promise<MemoryView> {
    const loaded = await this.memories.load(name, symbol ?? undefined);
    const stored = loaded.cases.length + loaded.rejected.length;
    if (stored === 0) {
      const whole = symbol ? await this.memories.load(name) : null;
      if (!whole || whole.cases.length + whole.rejected.length === 0) throw new NotFoundError(`no memory named "${name}" (see "tradinggroup memory list")`);
    }
    const usable: MemoryCase[] = [];
    const rejected = [...loaded.rejected];
    for (const c of loaded.cases) {
      const defect = caseDefect(c, FEATURE_COUNT);
      if (defect) rejected.push({ id: `${c.sourceRun}/${c.id}`, reason: defect });
      else usable.push(c);
    }
    const shown = limit === 0 ? usable : usable.slice(-limit);
    return { name, symbol, stored, usable: usable.length, cases: shown.map(rowOf), rejected };
  }
}

/** `memory clear <name>`: deletes a named memory; a run's own memory (`run:<id>`) is refused. */
@SubCommand({ name: 'clear', arguments: '<name>', description: "delete a named memory's cases (a run's own memory goes with its run)" })
export class MemoryClearCommand extends CommandRunner {
  constructor(private readonly memories: MemoryRepository) {
    super();
  }

  @Option({ flags: '--json', description: 'print JSON' })
  parseJson(): boolean {
    return true;
  }

  async run([name]: string[], o: { json?: boolean }): Promise<void> {
    if (name.startsWith('run:')) {
      throw new InputError(`"${name}" is the own memory of run ${name.slice(4)}: it cannot be cleared with "memory clear"; it is removed with its run`);
    }
    const removed = await this.memories.clear(name);
    if (removed === 0) throw new NotFoundError(`no memory named "${name}" (see "tradinggroup memory list")`);
    if (o.json) return printJson({ name, removed });
    process.stdout.write(`memory "${name}": removed ${integer(removed)} cases\n`);
  }
}

/** `memory`: the persistent memories of the reflective agents. */
@Command({
  ...commandMeta(CLI_COMMANDS.memory),
  subCommands: [MemoryListCommand, MemoryShowCommand, MemoryClearCommand],
})
export class MemoryCommand extends CommandGroup {}

function rowOf(c: MemoryCase): MemoryCaseRow {
  const f = c.forecast;
  const d = c.decision.outcome;
  return {
    id: `${c.sourceRun}/${c.id}`,
    decidedAt: new Date(c.decidedAt).toISOString(),
    knownAt: new Date(c.knownAt).toISOString(),
    symbol: c.symbol,
    sourceRun: c.sourceRun,
    forecast: { label: f.label, realised: f.outcome.realised, pct: f.outcome.pct, wHit: f.outcome.wHit },
    decision: { action: c.decision.action, best: d.best, regret: d.regret },
    style: c.style.style,
  };
}

function renderView(v: MemoryView): string {
  const scope = v.symbol ? ` for ${v.symbol}` : '';
  const shown = v.cases.length < v.usable ? `; the ${v.cases.length} most recent by known time` : '';
  const lines = [`memory "${v.name}"${scope}: ${integer(v.stored)} stored cases, ${integer(v.usable)} usable, ${integer(v.rejected.length)} rejected${shown}`];
  if (v.cases.length > 0) {
    const rows = v.cases.map((c) => [
      minute(c.decidedAt),
      minute(c.knownAt),
      c.symbol,
      c.sourceRun,
      `${c.forecast.label} → ${c.forecast.realised}`,
      fixed(c.forecast.wHit, 3),
      c.decision.action,
      c.decision.best,
      percent(c.decision.regret),
      c.style,
    ]);
    const align = ['left', 'left', 'left', 'left', 'left', 'right', 'left', 'left', 'right', 'left'] as const;
    lines.push(renderTable(['Decided (UTC)', 'Known (UTC)', 'Symbol', 'Source run', 'Forecast → realised', 'w_hit', 'Action', 'Best', 'Regret', 'Style'], rows, [...align]));
  }
  if (v.rejected.length > 0) {
    lines.push('', `Rejected (${v.rejected.length}): never handed to a run`);
    lines.push(renderTable(['Case', 'Reason'], v.rejected.map((r) => [r.id, r.reason])));
  }
  return lines.join('\n');
}

/** An ISO instant as "YYYY-MM-DD HH:MM" (UTC). */
function minute(iso: string): string {
  return iso.slice(0, 16).replace('T', ' ');
}
