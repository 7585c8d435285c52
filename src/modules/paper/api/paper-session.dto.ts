import { ApiProperty, ApiPropertyOptional, ApiPropertyOptions } from '@nestjs/swagger';
import { PAPER_STATUSES } from '../../persistence/paper';

/** A paper session: where it stands and what it trades. */
export class PaperSessionDto {
  @ApiProperty({ example: 'paper-sma-cross-AAPL-20261123-010203-ab12' })
  id!: string;
  @ApiProperty({ enum: PAPER_STATUSES })
  status!: string;
  @ApiProperty({ nullable: true, type: String, example: 'paused after 3 consecutive failed ticks: feed replay:AAPL: ...' })
  statusReason!: string | null;
  @ApiProperty({ example: 'sma-cross' })
  strategy!: string;
  @ApiProperty({ type: [String], example: ['AAPL'] })
  symbols!: string[];
  @ApiProperty({ example: 'replay:AAPL' })
  feed!: string;
  @ApiProperty({ example: 'sim' })
  broker!: string;
  @ApiProperty({ enum: ['analytic', 'llm'] })
  mode!: string;
  @ApiProperty({ example: 'every 1000 ms' })
  schedule!: string;
  @ApiProperty({ example: '2026-11-23T01:02:03.000Z' })
  createdAt!: string;
  @ApiProperty({ nullable: true, type: String, example: '2016-01-04', description: 'the first bar of the session (replay feeds; others once one is processed)' })
  firstBar!: string | null;
  @ApiProperty({ nullable: true, type: String, example: '2016-02-23', description: 'the newest bar processed' })
  lastBar!: string | null;
  @ApiProperty({ example: 35 })
  barsProcessed!: number;
  @ApiProperty({ nullable: true, type: String })
  lastTickAt!: string | null;
  // null belongs to the enum: a nullable enum of OpenAPI 3.0 lists it among the values.
  @ApiProperty({ nullable: true, type: String, enum: ['processed', 'idle', 'skipped', 'failed', null] as string[], description: 'null before the first tick' })
  lastTickOutcome!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'why the last tick was skipped or failed, or what it found' })
  lastTickNote!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'when the next tick is due (active sessions)' })
  nextTickAt!: string | null;
  @ApiProperty({ example: 0 })
  consecutiveFailures!: number;
  @ApiProperty({ nullable: true, type: String, example: 'host:4242:9f3a1c', description: 'the process that runs the session (host, process id, tag), null when none does' })
  runBy!: string | null;
  @ApiProperty({ nullable: true, type: Number, description: 'cash + marked positions of all sleeves at the newest bar' })
  equity!: number | null;
  @ApiProperty({ example: 100000, description: 'the starting cash' })
  cash!: number;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'the validated session spec' })
  spec!: Record<string, unknown>;
}

/** What an order filled: null until it fills (and for one rejected or cancelled). */
export interface PaperFill {
  date: string;
  quantity: number;
  price: number;
  commission: number;
}

// Inline rather than a $ref: OpenAPI 3.0 ignores `nullable` beside a $ref, so a null fill would not match.
const FILL_SCHEMA: ApiPropertyOptions = {
  type: 'object',
  nullable: true,
  additionalProperties: false,
  required: ['date', 'quantity', 'price', 'commission'],
  properties: { date: { type: 'string', example: '2016-02-24' }, quantity: { type: 'number' }, price: { type: 'number' }, commission: { type: 'number' } },
  description: 'the fill, null until the order fills',
};

/** An order of a session with its fill. */
export class PaperOrderDto {
  @ApiProperty({ example: 'AAPL' })
  symbol!: string;
  @ApiProperty({ description: "the order's number in its sleeve" })
  id!: number;
  @ApiProperty({ example: '2016-02-23', description: 'the bar at whose close it was decided' })
  decided!: string;
  @ApiProperty({ enum: ['buy', 'sell'] })
  side!: string;
  @ApiProperty({ enum: ['market', 'limit', 'stop'] })
  type!: string;
  @ApiProperty()
  quantity!: number;
  @ApiProperty({ nullable: true, type: Number })
  limit!: number | null;
  @ApiProperty({ nullable: true, type: Number })
  stop!: number | null;
  @ApiProperty({ enum: ['signal', 'stop-loss', 'take-profit', 'end-of-test', 'margin-call'] })
  reason!: string;
  @ApiProperty()
  tag!: string;
  @ApiProperty({ enum: ['pending', 'filled', 'rejected', 'cancelled'] })
  status!: string;
  @ApiProperty(FILL_SCHEMA)
  fill!: PaperFill | null;
  @ApiProperty({ nullable: true, type: String, description: 'the bar it was filled, rejected or cancelled on' })
  closedOn!: string | null;
  @ApiProperty({ description: 'why it was rejected or resized' })
  note!: string;
}

/** A sleeve's account after the newest bar it processed. */
export class PaperPositionDto {
  @ApiProperty({ example: 'AAPL' })
  symbol!: string;
  @ApiProperty({ example: '2016-02-23' })
  asOf!: string;
  @ApiProperty({ description: 'signed shares' })
  quantity!: number;
  @ApiProperty({ nullable: true, type: Number })
  avgPrice!: number | null;
  @ApiProperty()
  close!: number;
  @ApiProperty()
  marketValue!: number;
  @ApiProperty()
  cash!: number;
  @ApiProperty()
  equity!: number;
  @ApiProperty({ nullable: true, type: Number })
  stopPrice!: number | null;
  @ApiProperty({ nullable: true, type: Number })
  takeProfitPrice!: number | null;
}

/** The session's equity at one bar, and each sleeve's account that had a bar then. */
export class PaperEquityPointDto {
  @ApiProperty({ example: '2016-02-23' })
  date!: string;
  @ApiProperty({ description: 'the sum over the sleeves' })
  equity!: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'object' }, example: { AAPL: { equity: 100000, cash: 100000, position: 0, close: 96.1 } } })
  sleeves!: Record<string, unknown>;
}

export class PaperDecisionDto {
  @ApiProperty({ example: 'AAPL' })
  symbol!: string;
  @ApiProperty({ example: '2016-02-23' })
  date!: string;
  @ApiProperty({ example: 'decision' })
  agent!: string;
  @ApiProperty({ type: 'object', additionalProperties: true })
  output!: Record<string, unknown>;
}

export class PaperTickDto {
  @ApiProperty()
  at!: string;
  @ApiProperty({ enum: ['processed', 'idle', 'skipped', 'failed'] })
  outcome!: string;
  @ApiProperty({ nullable: true, type: String })
  bar!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String })
  note!: string | null;
}
