import { Column, Entity, PrimaryColumn } from 'typeorm';
import { FLOAT, RUN_ID_LENGTH, VARCHAR } from '../column-types';

/** Table `paper_positions`: each sleeve's account after the newest bar it processed. */
@Entity('paper_positions')
export class PaperPositionEntity {
  @PrimaryColumn({ name: 'session_id', type: VARCHAR, length: RUN_ID_LENGTH })
  sessionId!: string;

  @PrimaryColumn({ type: VARCHAR, length: 32 })
  symbol!: string;

  @Column({ type: FLOAT })
  time!: number;

  @Column({ type: FLOAT })
  cash!: number;

  @Column({ type: FLOAT })
  quantity!: number;

  @Column({ name: 'avg_price', type: FLOAT, nullable: true })
  avgPrice!: number | null;

  @Column({ type: FLOAT })
  close!: number;

  @Column({ type: FLOAT })
  equity!: number;

  @Column({ name: 'stop_price', type: FLOAT, nullable: true })
  stopPrice!: number | null;

  @Column({ name: 'take_profit_price', type: FLOAT, nullable: true })
  takeProfitPrice!: number | null;
}
