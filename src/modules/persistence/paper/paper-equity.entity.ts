import { Column, Entity, PrimaryColumn } from 'typeorm';
import { FLOAT, RUN_ID_LENGTH, VARCHAR } from '../column-types';

/** Table `paper_equity`: each sleeve's account at each bar's close. */
@Entity('paper_equity')
export class PaperEquityEntity {
  @PrimaryColumn({ name: 'session_id', type: VARCHAR, length: RUN_ID_LENGTH })
  sessionId!: string;

  @PrimaryColumn({ type: VARCHAR, length: 32 })
  symbol!: string;

  @PrimaryColumn({ type: FLOAT })
  time!: number;

  @Column({ type: FLOAT })
  equity!: number;

  @Column({ type: FLOAT })
  cash!: number;

  @Column({ type: FLOAT })
  position!: number;

  @Column({ type: FLOAT })
  close!: number;
}
