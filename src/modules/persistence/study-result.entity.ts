import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { INT, RUN_ID_LENGTH, TEXT, VARCHAR } from './column-types';
import { StudyEntity } from './study.entity';

/** Table `study_results`: one run of a study, with the spec it ran and the metrics it measured. */
@Entity('study_results')
export class StudyResultEntity {
  @PrimaryColumn({ name: 'study_id', type: VARCHAR, length: RUN_ID_LENGTH })
  studyId!: string;

  @ManyToOne(() => StudyEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'study_id', foreignKeyConstraintName: 'FK_study_results_study' })
  study?: StudyEntity;

  /** The run's position in the study's plan. */
  @PrimaryColumn({ type: INT })
  idx!: number;

  @Column({ type: VARCHAR, length: 200 })
  strategy!: string;

  @Column({ type: VARCHAR, length: 64 })
  symbol!: string;

  /** JSON: the grid point ({} in an evaluation). */
  @Column({ type: TEXT })
  params!: string;

  @Column({ name: 'from_date', type: VARCHAR, length: 10 })
  fromDate!: string;

  @Column({ name: 'to_date', type: VARCHAR, length: 10 })
  toDate!: string;

  /** `run`, or `train` / `test` in a walk-forward. */
  @Column({ type: VARCHAR, length: 8 })
  phase!: string;

  @Column({ type: INT, nullable: true })
  fold!: number | null;

  /** JSON: the run spec, as a single backtest of it would be stored. */
  @Column({ type: TEXT })
  spec!: string;

  /** JSON: the run's metrics (those of a single backtest of the spec). */
  @Column({ type: TEXT })
  metrics!: string;

  /** JSON: the moments of its excess returns (for the deflated Sharpe ratio). */
  @Column({ type: TEXT })
  returns!: string;

  /** JSON: what the run noted (see StudyResult.notes); null when nothing. */
  @Column({ type: TEXT, nullable: true })
  notes!: string | null;

  /** A full stored run of the same spec, when one was kept. */
  @Column({ name: 'run_id', type: VARCHAR, length: RUN_ID_LENGTH, nullable: true })
  runId!: string | null;
}
