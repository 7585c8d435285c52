import { createHash } from 'node:crypto';
import { MemoryCase } from '../../core/reflection/memory-case';
import { MemoryCaseEntity } from './memory-case.entity';
import { storedCaseOf } from './run-series.codec';

/** The memory a run's own cases are kept under. */
export function runMemory(runId: string): string {
  return `run:${runId}`;
}

/** A case as a row of `memory`: see {@link storedCaseOf}. */
export function toMemoryCaseEntity(memory: string, runId: string, c: MemoryCase): MemoryCaseEntity {
  return Object.assign(new MemoryCaseEntity(), { memory, ...storedCaseOf(runId, c) });
}

/** The case of a row, or why it must not be used (its text no longer matches its checksum, or is not a case). */
export function fromMemoryCaseEntity(e: MemoryCaseEntity): { case: MemoryCase } | { id: string; reason: string } {
  if (createHash('sha256').update(e.payload).digest('hex') !== e.checksum) return { id: e.caseId, reason: 'checksum mismatch: the stored case was altered' };
  try {
    const parsed = JSON.parse(e.payload) as MemoryCase;
    if (parsed.sourceRun !== e.sourceRun || parsed.knownAt !== e.knownAt || parsed.decidedAt !== e.decidedAt) {
      return { id: e.caseId, reason: 'row and payload disagree' };
    }
    return { case: { ...parsed, checksum: e.checksum } };
  } catch {
    return { id: e.caseId, reason: 'payload is not JSON' };
  }
}
