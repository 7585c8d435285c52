import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { FLOAT, RUN_ID_LENGTH, TEXT, VARCHAR } from '../column-types';

/** Table `paper_ticks`: what each tick of a session did: processed a bar, found none, was skipped or failed, and why. */
@Entity('paper_ticks')
@Index('IDX_paper_ticks_session', ['sessionId', 'id'])
export class PaperTickEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ name: 'session_id', type: VARCHAR, length: RUN_ID_LENGTH })
  sessionId!: string;

  @Column({ type: VARCHAR, length: 32 })
  at!: string;

  /** `processed`, `idle`, `skipped` or `failed`. */
  @Column({ type: VARCHAR, length: 16 })
  outcome!: string;

  @Column({ name: 'bar_time', type: FLOAT, nullable: true })
  barTime!: number | null;

  @Column({ type: TEXT, nullable: true })
  note!: string | null;
}
