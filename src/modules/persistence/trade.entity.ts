import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { FLOAT, INT, RUN_ID_LENGTH, VARCHAR } from './column-types';
import { RunEntity } from './run.entity';

/**
 * Table `run_trades`: the round trips of a run, in engine order (`seq`).
 * The primary key (run_id, seq) is also the index for lookups and cascades by run.
 * Float columns are nullable because SQLite stores NaN as NULL.
 */
@Entity('run_trades')
export class TradeEntity {
  @PrimaryColumn({ name: 'run_id', type: VARCHAR, length: RUN_ID_LENGTH })
  runId!: string;

  @PrimaryColumn({ type: INT })
  seq!: number;

  @ManyToOne(() => RunEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'run_id', foreignKeyConstraintName: 'FK_run_trades_run' })
  run?: RunEntity;

  @Column({ type: VARCHAR, length: 8 })
  direction!: string;

  @Column({ name: 'entry_bar', type: INT })
  entryBar!: number;

  @Column({ name: 'entry_time', type: FLOAT, nullable: true })
  entryTime!: number | null;

  @Column({ name: 'entry_price', type: FLOAT, nullable: true })
  entryPrice!: number | null;

  @Column({ name: 'exit_bar', type: INT })
  exitBar!: number;

  @Column({ name: 'exit_time', type: FLOAT, nullable: true })
  exitTime!: number | null;

  @Column({ name: 'exit_price', type: FLOAT, nullable: true })
  exitPrice!: number | null;

  @Column({ name: 'max_qty', type: FLOAT, nullable: true })
  maxQty!: number | null;

  @Column({ type: FLOAT, nullable: true })
  qty!: number | null;

  @Column({ type: FLOAT, nullable: true })
  pnl!: number | null;

  @Column({ name: 'return_pct', type: FLOAT, nullable: true })
  returnPct!: number | null;

  @Column({ type: FLOAT, nullable: true })
  commission!: number | null;

  @Column({ name: 'exit_reason', type: VARCHAR, length: 16 })
  exitReason!: string;

  @Column({ name: 'bars_held', type: INT })
  barsHeld!: number;
}
