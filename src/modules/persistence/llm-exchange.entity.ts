import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { FLOAT, INT, RUN_ID_LENGTH, TEXT, VARCHAR } from './column-types';

/**
 * Table `llm_exchanges`: every question an llm-mode run put to its model and how it ended (an
 * answer or the failure), with usage, cost and latency. A replay of the run is served from these
 * rows by `request_key` (a hash of model, settings, messages and schema).
 */
@Entity('llm_exchanges')
@Index('IDX_llm_exchanges_key', ['requestKey'])
export class LlmExchangeEntity {
  @PrimaryColumn({ name: 'run_id', type: VARCHAR, length: RUN_ID_LENGTH })
  runId!: string;

  /** Order in which the run's exchanges ended. */
  @PrimaryColumn({ type: INT })
  seq!: number;

  @Column({ name: 'request_key', type: VARCHAR, length: 64 })
  requestKey!: string;

  @Column({ type: VARCHAR, length: 16 })
  agent!: string;

  /** The decision instant the call served (epoch ms UTC). */
  @Column({ name: 'decided_at', type: FLOAT })
  decidedAt!: number;

  @Column({ type: VARCHAR, length: 8 })
  attempt!: string;

  @Column({ type: VARCHAR, length: 200 })
  model!: string;

  /** JSON: messages, schema, temperature, max tokens. */
  @Column({ type: TEXT })
  request!: string;

  /** JSON: the publication instants (epoch ms) of what the prompt showed. */
  @Column({ type: TEXT })
  shows!: string;

  /** `answer` or `unavailable`. */
  @Column({ type: VARCHAR, length: 16 })
  outcome!: string;

  @Column({ type: TEXT, nullable: true })
  content!: string | null;

  @Column({ type: TEXT, nullable: true })
  error!: string | null;

  @Column({ name: 'prompt_tokens', type: INT })
  promptTokens!: number;

  @Column({ name: 'completion_tokens', type: INT })
  completionTokens!: number;

  @Column({ name: 'cost_usd', type: FLOAT })
  costUsd!: number;

  @Column({ name: 'latency_ms', type: FLOAT })
  latencyMs!: number;

  /** HTTP requests made for it (retries included); 0 when answered from a record. */
  @Column({ type: INT })
  requests!: number;

  /** `live`, `run` (this run's own record, on a resume) or `cache` (another run's record). */
  @Column({ type: VARCHAR, length: 16 })
  source!: string;

  @Column({ name: 'created_at', type: VARCHAR, length: 32 })
  createdAt!: string;
}
