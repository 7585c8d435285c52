import { ApiProperty } from '@nestjs/swagger';

/** Fields every per-run result answer starts with. */
export class RunResultDto {
  @ApiProperty()
  runId!: string;

  @ApiProperty({ description: 'results are stored when the run is done; before that the lists are empty' })
  status!: string;
}

/** The equity curve as columns, one entry per window bar (chart libraries take columns). */
export class EquityColumnsDto {
  @ApiProperty({ type: [String], example: ['2016-06-30', '2016-07-01'] })
  date!: string[];
  @ApiProperty({ type: [Number], description: 'cash + marked position at the close' })
  equity!: number[];
  @ApiProperty({ type: [Number] })
  cash!: number[];
  @ApiProperty({ type: [Number], description: 'signed shares held at the close' })
  position!: number[];
  @ApiProperty({ type: [Number], description: 'close price (the mark)' })
  close!: number[];
}

/** `GET /backtests/:id/equity`: columns in JSON; one row per bar in CSV. */
export class EquityDto extends RunResultDto {
  @ApiProperty({ description: 'window bars' })
  count!: number;
  @ApiProperty({ nullable: true, type: Number, description: "bar index of the first point in the engine's series (index i is firstBarIndex + i)" })
  firstBarIndex!: number | null;
  @ApiProperty({ type: EquityColumnsDto })
  columns!: EquityColumnsDto;
}

export class TradeDto {
  @ApiProperty({ enum: ['long', 'short'] })
  direction!: string;
  @ApiProperty()
  entryBar!: number;
  @ApiProperty({ example: '2016-06-30' })
  entryDate!: string;
  @ApiProperty()
  entryPrice!: number;
  @ApiProperty()
  exitBar!: number;
  @ApiProperty({ example: '2016-07-15' })
  exitDate!: string;
  @ApiProperty()
  exitPrice!: number;
  @ApiProperty({ description: 'shares traded in' })
  qty!: number;
  @ApiProperty({ description: 'largest absolute position during the trade' })
  maxQty!: number;
  @ApiProperty()
  pnl!: number;
  @ApiProperty({ description: 'P&L over the capital committed at entry (fraction)' })
  returnPct!: number;
  @ApiProperty()
  commission!: number;
  @ApiProperty()
  exitReason!: string;
  @ApiProperty()
  barsHeld!: number;
}

/** `GET /backtests/:id/trades`. */
export class TradesDto extends RunResultDto {
  @ApiProperty({ type: [TradeDto] })
  items!: TradeDto[];
}

export class DecisionDto {
  @ApiProperty()
  barIndex!: number;
  @ApiProperty({ example: '2016-06-30' })
  date!: string;
  @ApiProperty({ example: 'decision' })
  agent!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'the agent output as recorded' })
  output!: unknown;
}

/** `GET /backtests/:id/decisions`: the agent trace. */
export class DecisionsDto extends RunResultDto {
  @ApiProperty({ type: [DecisionDto] })
  items!: DecisionDto[];
}

/** `GET /backtests/:id/reflections`. */
export class ReflectionsDto extends RunResultDto {
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true }, description: "the labelled cases of the run's reflective agents (forecast, style, decision with their outcomes), in the order their labels became known" })
  reflections!: unknown[];

  @ApiProperty({ type: 'array', items: { type: 'object', properties: { id: { type: 'string' }, reason: { type: 'string' } } }, description: 'stored cases that failed their SHA-256 check' })
  rejected!: Array<{ id: string; reason: string }>;

  @ApiProperty({ required: false, example: 'this run records no reflections: sma-cross is a rule strategy', description: 'why the list is empty' })
  note?: string;
}

/** One agent's share of a run's llm usage. */
export class LlmAgentUsageDto {
  @ApiProperty({ example: 'decision' })
  agent!: string;
  @ApiProperty({ description: 'exchanges that reached the model' })
  liveCalls!: number;
  @ApiProperty({ description: "exchanges answered from a record (the run's own on a resume, or another run's with the cache on)" })
  recordedCalls!: number;
  @ApiProperty({ description: 'HTTP requests made, retries included' })
  requests!: number;
  @ApiProperty({ description: 'exchanges that ended without an answer' })
  unavailable!: number;
  @ApiProperty({ description: 'repair requests after an invalid answer' })
  repairs!: number;
  @ApiProperty()
  promptTokens!: number;
  @ApiProperty()
  completionTokens!: number;
  @ApiProperty()
  costUsd!: number;
  @ApiProperty({ type: Number, nullable: true })
  meanLatencyMs!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'decisions that used the analytic output instead (null: the run did not finish)' })
  fallbacks!: number | null;
}

/** `GET /backtests/:id/llm-usage`. */
export class LlmUsageDto extends RunResultDto {
  @ApiProperty({ enum: ['analytic', 'llm'] })
  mode!: string;
  @ApiProperty({ description: 'exchanges that reached the model (as liveCalls)' })
  calls!: number;
  @ApiProperty()
  recordedCalls!: number;
  @ApiProperty({ description: 'HTTP requests made, retries included' })
  requests!: number;
  @ApiProperty()
  promptTokens!: number;
  @ApiProperty()
  completionTokens!: number;
  @ApiProperty()
  costUsd!: number;
  @ApiProperty({ type: Number, nullable: true })
  fallbacks!: number | null;
  @ApiProperty({ type: [LlmAgentUsageDto] })
  agents!: LlmAgentUsageDto[];
  @ApiProperty({ required: false, example: 'sma-cross is a rule strategy: it makes no LLM calls' })
  note?: string;
}

/** `GET /backtests/:id/artifacts`. */
export class ArtifactListDto {
  @ApiProperty()
  runId!: string;
  @ApiProperty({ type: [String], example: ['equity.csv', 'manifest.json', 'metrics.json', 'orders.csv', 'report.html', 'trades.csv'] })
  names!: string[];
}
