import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { FLOAT, RUN_ID_LENGTH, TEXT, VARCHAR } from './column-types';

/** Table `runs`: one backtest run. JSON fields are stored as text. */
@Entity('runs')
@Index('IDX_runs_status', ['status'])
@Index('IDX_runs_strategy', ['strategy'])
@Index('IDX_runs_symbol', ['symbol'])
@Index('IDX_runs_created_at', ['createdAt'])
export class RunEntity {
  @PrimaryColumn({ type: VARCHAR, length: RUN_ID_LENGTH })
  id!: string;

  @Column({ type: VARCHAR, length: 16 })
  kind!: string;

  @Column({ type: VARCHAR, length: 16 })
  status!: string;

  @Column({ type: VARCHAR, length: 160 })
  strategy!: string;

  @Column({ type: VARCHAR, length: 64 })
  symbol!: string;

  @Column({ type: VARCHAR, length: 64 })
  profile!: string;

  @Column({ type: VARCHAR, length: 16 })
  mode!: string;

  @Column({ name: 'from_date', type: VARCHAR, length: 10 })
  fromDate!: string;

  @Column({ name: 'to_date', type: VARCHAR, length: 10 })
  toDate!: string;

  @Column({ type: TEXT })
  config!: string;

  @Column({ type: TEXT, nullable: true })
  manifest!: string | null;

  @Column({ type: TEXT, nullable: true })
  metrics!: string | null;

  @Column({ type: TEXT })
  timings!: string;

  @Column({ name: 'result_hash', type: VARCHAR, length: 64, nullable: true })
  resultHash!: string | null;

  @Column({ type: TEXT, nullable: true })
  error!: string | null;

  @Column({ type: FLOAT })
  progress!: number;

  @Column({ name: 'created_at', type: VARCHAR, length: 32 })
  createdAt!: string;

  @Column({ name: 'started_at', type: VARCHAR, length: 32, nullable: true })
  startedAt!: string | null;

  @Column({ name: 'finished_at', type: VARCHAR, length: 32, nullable: true })
  finishedAt!: string | null;

  @Column({ name: 'artifacts_dir', type: TEXT, nullable: true })
  artifactsDir!: string | null;
}
