import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { FLOAT, INT, RUN_ID_LENGTH, TEXT, VARCHAR } from './column-types';
import { OwnedRecordColumns } from './owned-record.columns';

/**
 * Table `studies`: a sweep or an evaluation, its request, progress and, once done, its summary.
 * Its runs' metrics are rows of `study_results`.
 */
@Entity('studies')
@Index('IDX_studies_kind_created', ['kind', 'createdAt'])
@Index('IDX_studies_status', ['status'])
export class StudyEntity extends OwnedRecordColumns {
  @PrimaryColumn({ type: VARCHAR, length: RUN_ID_LENGTH })
  id!: string;

  /** `sweep` or `evaluation`. */
  @Column({ type: VARCHAR, length: 16 })
  kind!: string;

  /** `running`, `done`, `failed`, `cancelled` or `interrupted`. */
  @Column({ type: VARCHAR, length: 16 })
  status!: string;

  /** JSON: the study as it was asked for. */
  @Column({ type: TEXT })
  request!: string;

  /** Runs planned. */
  @Column({ type: INT })
  total!: number;

  /** Runs measured so far. */
  @Column({ type: INT })
  completed!: number;

  /** JSON: the summary (best runs, deflated Sharpe, heatmap, distributions), when done. */
  @Column({ type: TEXT, nullable: true })
  summary!: string | null;

  @Column({ type: TEXT, nullable: true })
  error!: string | null;

  /** Epoch ms. */
  @Column({ name: 'created_at', type: FLOAT })
  createdAt!: number;

  @Column({ name: 'finished_at', type: FLOAT, nullable: true })
  finishedAt!: number | null;
}
