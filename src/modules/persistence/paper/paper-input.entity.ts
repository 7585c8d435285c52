import { Column, Entity, PrimaryColumn } from 'typeorm';
import { RUN_ID_LENGTH, TEXT, VARCHAR } from '../column-types';

/**
 * Table `paper_inputs`: what a session's sleeve reads besides bars and news, fixed when the
 * session starts (earnings, filing passages, aliases, the cases of a named memory) and where
 * they came from, so every tick and every restart hands the strategy the same inputs.
 */
@Entity('paper_inputs')
export class PaperInputEntity {
  @PrimaryColumn({ name: 'session_id', type: VARCHAR, length: RUN_ID_LENGTH })
  sessionId!: string;

  @PrimaryColumn({ type: VARCHAR, length: 32 })
  symbol!: string;

  /** JSON: `{inputs, sources, notes}`. */
  @Column({ type: TEXT })
  content!: string;
}
