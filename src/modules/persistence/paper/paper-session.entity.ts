import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { FLOAT, INT, RUN_ID_LENGTH, TEXT, VARCHAR } from '../column-types';

/**
 * Table `paper_sessions`: one scheduled paper-trading session, its spec, where it stands (the
 * newest bar it processed, its last and next tick) and which process runs it (`owner`, whose
 * lease ends at `lease_until`, epoch ms).
 */
@Entity('paper_sessions')
@Index('IDX_paper_sessions_status', ['status', 'createdAt'])
export class PaperSessionEntity {
  @PrimaryColumn({ type: VARCHAR, length: RUN_ID_LENGTH })
  id!: string;

  @Column({ type: VARCHAR, length: 100 })
  strategy!: string;

  /** JSON array of symbols. */
  @Column({ type: TEXT })
  symbols!: string;

  @Column({ type: VARCHAR, length: 500 })
  feed!: string;

  @Column({ type: VARCHAR, length: 16 })
  broker!: string;

  @Column({ type: VARCHAR, length: 16 })
  mode!: string;

  /** The validated session spec, JSON. */
  @Column({ type: TEXT })
  spec!: string;

  @Column({ type: VARCHAR, length: 16 })
  status!: string;

  @Column({ name: 'status_reason', type: TEXT, nullable: true })
  statusReason!: string | null;

  @Column({ name: 'created_at', type: VARCHAR, length: 32 })
  createdAt!: string;

  @Column({ name: 'updated_at', type: VARCHAR, length: 32 })
  updatedAt!: string;

  @Column({ name: 'first_bar_time', type: FLOAT, nullable: true })
  firstBarTime!: number | null;

  @Column({ name: 'last_bar_time', type: FLOAT, nullable: true })
  lastBarTime!: number | null;

  @Column({ name: 'bars_processed', type: INT, default: 0 })
  barsProcessed!: number;

  @Column({ name: 'last_tick_at', type: VARCHAR, length: 32, nullable: true })
  lastTickAt!: string | null;

  @Column({ name: 'last_tick_outcome', type: VARCHAR, length: 16, nullable: true })
  lastTickOutcome!: string | null;

  @Column({ name: 'last_tick_note', type: TEXT, nullable: true })
  lastTickNote!: string | null;

  @Column({ name: 'next_tick_at', type: VARCHAR, length: 32, nullable: true })
  nextTickAt!: string | null;

  /** Consecutive ticks whose feed failed. */
  @Column({ type: INT, default: 0 })
  failures!: number;

  @Column({ type: VARCHAR, length: 200, nullable: true })
  owner!: string | null;

  @Column({ name: 'lease_until', type: FLOAT, nullable: true })
  leaseUntil!: number | null;

  /** Cash + marked positions of every sleeve at the newest bar. */
  @Column({ type: FLOAT, nullable: true })
  equity!: number | null;
}
