import { Column, Entity, PrimaryColumn } from 'typeorm';
import { FLOAT, RUN_ID_LENGTH, TEXT, VARCHAR } from '../column-types';

/**
 * Table `paper_steps`: one row per bar a session processed. Its key (session, bar time) is the
 * idempotency key of the bar: everything the bar produced is stored in the transaction that
 * inserts it, so a bar is stored once or not at all.
 */
@Entity('paper_steps')
export class PaperStepEntity {
  @PrimaryColumn({ name: 'session_id', type: VARCHAR, length: RUN_ID_LENGTH })
  sessionId!: string;

  @PrimaryColumn({ type: FLOAT })
  time!: number;

  @Column({ name: 'processed_at', type: VARCHAR, length: 32 })
  processedAt!: string;

  @Column({ type: FLOAT })
  equity!: number;

  /** JSON: the memory cases whose labels became known at this bar, by symbol. */
  @Column({ type: TEXT })
  memory!: string;
}
