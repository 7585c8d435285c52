import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { FLOAT, TEXT, VARCHAR } from './column-types';

/**
 * Table `memory_cases`: labelled cases of the reflective agents. `memory` is `run:<run-id>` for
 * the cases a run produced (scope `run`), or the name of a persistent memory shared across runs
 * (scope `named`). The case is stored as JSON text with the SHA-256 of that text.
 */
@Entity('memory_cases')
@Index('IDX_memory_cases_known', ['memory', 'knownAt'])
@Index('IDX_memory_cases_run', ['sourceRun'])
export class MemoryCaseEntity {
  @PrimaryColumn({ type: VARCHAR, length: 200 })
  memory!: string;

  @PrimaryColumn({ name: 'case_id', type: VARCHAR, length: 200 })
  caseId!: string;

  @Column({ name: 'source_run', type: VARCHAR, length: 160 })
  sourceRun!: string;

  @Column({ type: VARCHAR, length: 64 })
  symbol!: string;

  @Column({ name: 'decided_at', type: FLOAT })
  decidedAt!: number;

  @Column({ name: 'known_at', type: FLOAT })
  knownAt!: number;

  @Column({ type: TEXT })
  payload!: string;

  @Column({ type: VARCHAR, length: 64 })
  checksum!: string;
}
