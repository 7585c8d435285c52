import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { FLOAT, INT, RUN_ID_LENGTH, TEXT, VARCHAR } from './column-types';
import { OwnedRecordColumns } from './owned-record.columns';
import { METRIC_SORT_COLUMNS } from './run-sort-columns';

/**
 * Table `runs`: one backtest run. JSON fields are stored as text. The table also has one
 * `sort_<set>_<metric>` column per metric (declared below the class, from the list of metrics),
 * written and read by RunsRepository alone, and indexes for every list order and filter
 * (migration 1700000000011).
 */
@Entity('runs')
@Index('IDX_runs_created', ['createdAt', 'id'])
@Index('IDX_runs_status_created', ['status', 'createdAt', 'id'])
@Index('IDX_runs_strategy_created', ['strategy', 'createdAt', 'id'])
@Index('IDX_runs_symbol_created', ['symbol', 'createdAt', 'id'])
@Index('IDX_runs_owner', ['ownerToken', 'status'])
export class RunEntity extends OwnedRecordColumns {
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

  @Column({ name: 'queue_seq', type: INT, nullable: true })
  queueSeq!: number | null;

  @Column({ type: TEXT, nullable: true })
  request!: string | null;
}

// The metric sort columns (see run-sort-columns.ts), each with an index on (column, id). They are
// not selected with the entity: only the list query reads them, by column name.
for (const column of METRIC_SORT_COLUMNS.values()) {
  const property = column.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());
  Column({ name: column, type: FLOAT, nullable: true, select: false })(RunEntity.prototype, property);
  Index(`IDX_runs_${column}`, [property, 'id'])(RunEntity);
}
