import { Column, Entity, PrimaryColumn } from 'typeorm';
import { FLOAT, RUN_ID_LENGTH, TEXT, VARCHAR } from '../column-types';

/** Table `paper_news`: the news items a session was handed, with the bar they arrived for. */
@Entity('paper_news')
export class PaperNewsEntity {
  @PrimaryColumn({ name: 'session_id', type: VARCHAR, length: RUN_ID_LENGTH })
  sessionId!: string;

  @PrimaryColumn({ type: VARCHAR, length: 32 })
  symbol!: string;

  @PrimaryColumn({ name: 'item_id', type: VARCHAR, length: 200 })
  itemId!: string;

  /** The instant the strategy may use the item from (its publication, or its arrival when it came late). */
  @Column({ type: FLOAT })
  time!: number;

  /** The bar whose tick handed the item over. */
  @Column({ name: 'bar_time', type: FLOAT })
  barTime!: number;

  /** The item as the feed gave it, JSON. */
  @Column({ type: TEXT })
  item!: string;
}
