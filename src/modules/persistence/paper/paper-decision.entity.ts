import { Column, Entity, PrimaryColumn } from 'typeorm';
import { FLOAT, INT, RUN_ID_LENGTH, TEXT, VARCHAR } from '../column-types';

/** Table `paper_decisions`: the decision trace of a session's sleeves, in the order the agents spoke at each bar. */
@Entity('paper_decisions')
export class PaperDecisionEntity {
  @PrimaryColumn({ name: 'session_id', type: VARCHAR, length: RUN_ID_LENGTH })
  sessionId!: string;

  @PrimaryColumn({ type: VARCHAR, length: 32 })
  symbol!: string;

  @PrimaryColumn({ type: FLOAT })
  time!: number;

  @PrimaryColumn({ type: INT })
  seq!: number;

  @Column({ type: INT })
  bar!: number;

  @Column({ type: VARCHAR, length: 32 })
  agent!: string;

  /** JSON. */
  @Column({ type: TEXT })
  output!: string;
}
