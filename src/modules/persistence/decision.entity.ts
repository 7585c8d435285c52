import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { INT, RUN_ID_LENGTH, TEXT, VARCHAR } from './column-types';
import { RunEntity } from './run.entity';

/**
 * Table `run_decisions`: the decision trace of a run — one row per agent output per bar, in
 * the order the strategy recorded them (`seq`). The output is JSON text.
 */
@Entity('run_decisions')
@Index('IDX_run_decisions_date', ['runId', 'date'])
export class DecisionEntity {
  @PrimaryColumn({ name: 'run_id', type: VARCHAR, length: RUN_ID_LENGTH })
  runId!: string;

  @PrimaryColumn({ type: INT })
  seq!: number;

  @ManyToOne(() => RunEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'run_id', foreignKeyConstraintName: 'FK_run_decisions_run' })
  run?: RunEntity;

  @Column({ name: 'bar_index', type: INT })
  barIndex!: number;

  @Column({ type: VARCHAR, length: 10 })
  date!: string;

  @Column({ type: VARCHAR, length: 32 })
  agent!: string;

  @Column({ type: TEXT })
  output!: string;
}
