import { DataSource, EntityManager, Like, Not } from 'typeorm';
import { MemoryCase } from '../../core/reflection/memory-case';
import { fromMemoryCaseEntity, runMemory } from './memory-case.codec';
import { MemoryCaseEntity } from './memory-case.entity';
import { readRunCases } from './run-series.store';
import { queueFor, SerialQueue } from './serial-queue';

/** The prefix of a run's own memory (`run:<id>`). */
const RUN_PREFIX = 'run:';

/** A persistent memory as `memory list` shows it. */
export interface MemorySummary {
  name: string;
  cases: number;
  symbols: string[];
  runs: number;
  /** ISO instants of the earliest decision and the latest known label. */
  firstDecision: string;
  lastKnown: string;
}

/** The usable cases of a memory, and those left out with the reason. */
export interface LoadedMemory {
  cases: MemoryCase[];
  rejected: Array<{ id: string; reason: string }>;
}

/**
 * Labelled cases of the reflective agents: each run's own (`run:<id>`) and named memories
 * shared across runs. Every case read back is checked against its stored SHA-256.
 */
export class MemoryRepository {
  private readonly queue: Pick<SerialQueue, 'run'>;

  constructor(private readonly dataSource: DataSource) {
    this.queue = queueFor(dataSource);
  }

  /** Named memories (run scopes excluded), by name. */
  async listMemories(): Promise<MemorySummary[]> {
    const rows: Array<{ memory: string; cases: number; runs: number; first: number; last: number }> = await this.with((m) =>
      m
        .createQueryBuilder(MemoryCaseEntity, 'c')
        .select('c.memory', 'memory')
        .addSelect('COUNT(*)', 'cases')
        .addSelect('COUNT(DISTINCT c.source_run)', 'runs')
        .addSelect('MIN(c.decided_at)', 'first')
        .addSelect('MAX(c.known_at)', 'last')
        .where({ memory: Not(Like('run:%')) })
        .groupBy('c.memory')
        .orderBy('c.memory')
        .getRawMany(),
    );
    const out: MemorySummary[] = [];
    for (const r of rows) {
      const symbols: Array<{ symbol: string }> = await this.with((m) =>
        m.createQueryBuilder(MemoryCaseEntity, 'c').select('DISTINCT c.symbol', 'symbol').where({ memory: r.memory }).getRawMany(),
      );
      out.push({
        name: r.memory,
        cases: Number(r.cases),
        runs: Number(r.runs),
        symbols: symbols.map((x) => x.symbol).sort(),
        firstDecision: new Date(Number(r.first)).toISOString(),
        lastKnown: new Date(Number(r.last)).toISOString(),
      });
    }
    return out;
  }

  /** The usable cases of a memory (optionally one symbol), ordered by the time their labels became known. */
  async load(name: string, symbol?: string): Promise<LoadedMemory> {
    const rows = name.startsWith(RUN_PREFIX)
      ? await this.runRows(name, symbol)
      : await this.with((m) => m.find(MemoryCaseEntity, { where: { memory: name, symbol }, order: { knownAt: 'ASC', caseId: 'ASC' } }));
    const out: LoadedMemory = { cases: [], rejected: [] };
    for (const row of rows) {
      const read = fromMemoryCaseEntity(row);
      if ('case' in read) out.cases.push(read.case);
      else out.rejected.push(read);
    }
    return out;
  }

  /** A run's own cases (kept with its series), as rows in the order a named memory's are read. */
  private async runRows(name: string, symbol?: string): Promise<MemoryCaseEntity[]> {
    const stored = await this.with((m) => readRunCases(m, name.slice(RUN_PREFIX.length)));
    return stored
      .filter((c) => symbol === undefined || c.symbol === symbol)
      .map((c) => Object.assign(new MemoryCaseEntity(), { ...c, memory: name }))
      .sort((a, b) => a.knownAt - b.knownAt || (a.caseId < b.caseId ? -1 : a.caseId > b.caseId ? 1 : 0));
  }

  /** The cases a run produced. */
  async runCases(runId: string): Promise<LoadedMemory> {
    return this.load(runMemory(runId));
  }

  /** Deletes a named memory; returns how many cases it held. */
  async clear(name: string): Promise<number> {
    if (name.startsWith('run:')) throw new Error(`"${name}" is a run's own memory: delete the run instead`);
    const result = await this.with((m) => m.delete(MemoryCaseEntity, { memory: name }));
    return result.affected ?? 0;
  }

  private with<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.queue.run(() => work(this.dataSource.manager));
  }
}
