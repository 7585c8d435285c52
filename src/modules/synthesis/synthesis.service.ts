import { Injectable } from '@nestjs/common';
import { modelExchangesOf, synthesize, SynthesisOptions, SynthesisResult, SynthesisRun } from '../../core/synthesis';
import { LlmExchangesRepository } from '../persistence/llm-exchanges.repository';
import { InputError, NotFoundError } from '../backtests/input.error';
import type { RunManifest } from '../backtests/run-manifest';
import { MemoryRepository } from '../persistence/memory.repository';
import { RunsRepository } from '../persistence/runs.repository';
import { runInfoOf } from './run-info.mapper';

/**
 * Reads stored runs (decision trace, memory cases, manifest) and hands them to the pure
 * synthesis in src/core/synthesis. Thin: no filtering or formatting happens here.
 */
@Injectable()
export class SynthesisService {
  constructor(
    private readonly runs: RunsRepository,
    private readonly memory: MemoryRepository,
    private readonly exchanges: LlmExchangesRepository,
  ) {}

  /** A finished run with its decision trace and labelled cases; throws a one-line error otherwise. */
  async loadRun(id: string): Promise<SynthesisRun> {
    const run = await this.runs.getRun(id);
    if (!run) throw new NotFoundError(`no run with id ${id} (see "tradinggroup runs list")`);
    if (run.status !== 'done' || !run.manifest) throw new InputError(`run ${id} is ${run.status}: only finished runs can be exported`);
    const trace = await this.runs.getDecisions(id);
    if (trace.length === 0) {
      throw new InputError(`run ${id} (${run.strategy}) has no decision trace: only runs of strategies with agents (e.g. tradinggroup) can be exported`);
    }
    const { cases, rejected } = await this.memory.runCases(id);
    const info = runInfoOf(run, run.manifest as unknown as RunManifest);
    const exchanges = run.mode === 'llm' ? modelExchangesOf(await this.exchanges.forRun(id)) : undefined;
    return { info, trace, cases, rejectedCases: rejected.length, ...(exchanges && { exchanges }) };
  }

  /** The dataset of the runs, in the order given; a run id given twice is refused. */
  async export(ids: readonly string[], options: SynthesisOptions): Promise<SynthesisResult> {
    const seen = new Set<string>();
    for (const id of ids) {
      if (seen.has(id)) throw new InputError(`run ${id} is given twice`);
      seen.add(id);
    }
    const runs: SynthesisRun[] = [];
    for (const id of ids) runs.push(await this.loadRun(id));
    return synthesize(runs, options);
  }
}
