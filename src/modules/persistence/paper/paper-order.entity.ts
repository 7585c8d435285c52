import { Column, Entity, PrimaryColumn } from 'typeorm';
import { FLOAT, INT, RUN_ID_LENGTH, TEXT, VARCHAR } from '../column-types';

/**
 * Table `paper_orders`: every order of a session's sleeves as the engine decided and filled it,
 * and, for an external broker, what was sent (`client_order_id`, derived from the bar's
 * idempotency key) and what the broker reported. Float columns are nullable (SQLite stores NaN as NULL).
 */
@Entity('paper_orders')
export class PaperOrderEntity {
  @PrimaryColumn({ name: 'session_id', type: VARCHAR, length: RUN_ID_LENGTH })
  sessionId!: string;

  @PrimaryColumn({ type: VARCHAR, length: 32 })
  symbol!: string;

  /** The engine's order id in the sleeve (1-based, in decision order). */
  @PrimaryColumn({ name: 'order_id', type: INT })
  orderId!: number;

  @Column({ name: 'signal_bar', type: INT })
  signalBar!: number;

  @Column({ name: 'signal_time', type: FLOAT })
  signalTime!: number;

  @Column({ type: VARCHAR, length: 4 })
  side!: string;

  @Column({ type: VARCHAR, length: 8 })
  type!: string;

  @Column({ name: 'requested_qty', type: FLOAT })
  requestedQty!: number;

  @Column({ name: 'limit_price', type: FLOAT, nullable: true })
  limitPrice!: number | null;

  @Column({ name: 'stop_price', type: FLOAT, nullable: true })
  stopPrice!: number | null;

  @Column({ type: VARCHAR, length: 16 })
  reason!: string;

  @Column({ type: TEXT })
  tag!: string;

  @Column({ type: VARCHAR, length: 16 })
  status!: string;

  @Column({ name: 'event_bar', type: INT })
  eventBar!: number;

  @Column({ name: 'event_time', type: FLOAT, nullable: true })
  eventTime!: number | null;

  @Column({ name: 'filled_qty', type: FLOAT })
  filledQty!: number;

  @Column({ type: FLOAT, nullable: true })
  price!: number | null;

  @Column({ type: FLOAT })
  commission!: number;

  @Column({ type: TEXT })
  note!: string;

  @Column({ name: 'client_order_id', type: VARCHAR, length: 64, nullable: true })
  clientOrderId!: string | null;

  /** `unsent`, `sent` (accepted by the broker), `refused`; null for the simulated broker. */
  @Column({ name: 'broker_state', type: VARCHAR, length: 16, nullable: true })
  brokerState!: string | null;

  /** JSON: the broker's order as last reported (id, status, filled quantity and price), or its refusal. */
  @Column({ name: 'broker_report', type: TEXT, nullable: true })
  brokerReport!: string | null;
}
