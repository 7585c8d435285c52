import { Column, Entity, PrimaryColumn } from 'typeorm';
import { FLOAT, INT, RUN_ID_LENGTH, VARCHAR } from '../column-types';

/** Table `paper_bars`: every bar a session's sleeve has, the warm-up history (`warm_up` 1) and the bars it processed. */
@Entity('paper_bars')
export class PaperBarEntity {
  @PrimaryColumn({ name: 'session_id', type: VARCHAR, length: RUN_ID_LENGTH })
  sessionId!: string;

  @PrimaryColumn({ type: VARCHAR, length: 32 })
  symbol!: string;

  /** The bar's date, epoch ms at 00:00 UTC. */
  @PrimaryColumn({ type: FLOAT })
  time!: number;

  @Column({ type: FLOAT })
  open!: number;

  @Column({ type: FLOAT })
  high!: number;

  @Column({ type: FLOAT })
  low!: number;

  @Column({ type: FLOAT })
  close!: number;

  @Column({ type: FLOAT })
  volume!: number;

  @Column({ name: 'warm_up', type: INT })
  warmUp!: number;
}
