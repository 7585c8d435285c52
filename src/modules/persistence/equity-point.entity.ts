import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { FLOAT, INT, RUN_ID_LENGTH, VARCHAR } from './column-types';
import { RunEntity } from './run.entity';

/**
 * Table `run_equity`: one point per bar of a run's window.
 * The primary key (run_id, bar_index) is also the index for lookups and cascades by run.
 */
@Entity('run_equity')
export class EquityPointEntity {
  @PrimaryColumn({ name: 'run_id', type: VARCHAR, length: RUN_ID_LENGTH })
  runId!: string;

  @PrimaryColumn({ name: 'bar_index', type: INT })
  barIndex!: number;

  @ManyToOne(() => RunEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'run_id', foreignKeyConstraintName: 'FK_run_equity_run' })
  run?: RunEntity;

  @Column({ type: VARCHAR, length: 10 })
  date!: string;

  @Column({ type: FLOAT })
  equity!: number;

  @Column({ type: FLOAT })
  cash!: number;

  @Column({ type: FLOAT })
  position!: number;

  @Column({ type: FLOAT })
  close!: number;
}
