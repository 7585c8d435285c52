import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { FLOAT, INT, RUN_ID_LENGTH, TEXT, VARCHAR } from './column-types';
import { RunEntity } from './run.entity';

/**
 * Table `run_orders`: every order of a run, in engine order (`seq`).
 * The primary key (run_id, seq) is also the index for lookups and cascades by run.
 * Float columns are nullable because SQLite stores NaN (e.g. an unset limit) as NULL.
 */
@Entity('run_orders')
export class OrderEntity {
  @PrimaryColumn({ name: 'run_id', type: VARCHAR, length: RUN_ID_LENGTH })
  runId!: string;

  @PrimaryColumn({ type: INT })
  seq!: number;

  @ManyToOne(() => RunEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'run_id', foreignKeyConstraintName: 'FK_run_orders_run' })
  run?: RunEntity;

  @Column({ name: 'order_id', type: INT })
  orderId!: number;

  @Column({ name: 'signal_bar', type: INT })
  signalBar!: number;

  @Column({ name: 'signal_time', type: FLOAT, nullable: true })
  signalTime!: number | null;

  @Column({ type: VARCHAR, length: 4 })
  side!: string;

  @Column({ type: VARCHAR, length: 8 })
  type!: string;

  @Column({ name: 'requested_qty', type: FLOAT, nullable: true })
  requestedQty!: number | null;

  @Column({ name: 'limit_price', type: FLOAT, nullable: true })
  limitPrice!: number | null;

  @Column({ name: 'stop_price', type: FLOAT, nullable: true })
  stopPrice!: number | null;

  @Column({ type: VARCHAR, length: 16 })
  reason!: string;

  @Column({ type: TEXT })
  tag!: string;

  @Column({ type: VARCHAR, length: 16 })
  status!: string;

  @Column({ name: 'event_bar', type: INT })
  eventBar!: number;

  @Column({ name: 'event_time', type: FLOAT, nullable: true })
  eventTime!: number | null;

  @Column({ name: 'filled_qty', type: FLOAT, nullable: true })
  filledQty!: number | null;

  @Column({ type: FLOAT, nullable: true })
  price!: number | null;

  @Column({ type: FLOAT, nullable: true })
  commission!: number | null;

  @Column({ type: TEXT })
  note!: string;
}
