import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { RUN_STATUSES } from './list-backtests.dto';

type RunStatus = (typeof RUN_STATUSES)[number];

/** A run as listed: what it is, where it stands, its metrics once done. */
export class RunSummaryDto {
  @ApiProperty({ example: 'sma-cross-AAPL-20261123-010203-ab12' })
  id!: string;

  @ApiProperty({ enum: RUN_STATUSES })
  status!: RunStatus;

  @ApiProperty({ example: 42.5, description: 'percent of the engine loop done (0..100)' })
  progressPct!: number;

  @ApiProperty({ example: 'sma-cross' })
  strategy!: string;

  @ApiProperty({ example: 'AAPL' })
  symbol!: string;

  @ApiProperty({ example: 'default' })
  profile!: string;

  @ApiProperty({ enum: ['analytic', 'llm'] })
  mode!: string;

  @ApiProperty({ example: '2014-01-02' })
  from!: string;

  @ApiProperty({ example: '2018-05-11' })
  to!: string;

  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true, description: '{ default: {...}, finsaber?: {...} } once done' })
  metrics!: Record<string, unknown> | null;

  @ApiProperty({ nullable: true, type: Number, example: 3, description: 'a queued run\'s place in its queue (1 = next to start); null otherwise' })
  queuePosition!: number | null;

  @ApiProperty({ nullable: true, type: String, description: 'why the run failed, was cancelled or was interrupted' })
  error!: string | null;

  @ApiProperty({ example: '2026-11-23T01:02:03.000Z' })
  createdAt!: string;

  @ApiProperty({ nullable: true, type: String })
  startedAt!: string | null;

  @ApiProperty({ nullable: true, type: String })
  finishedAt!: string | null;
}

/** `GET /backtests/:id`: the run with its configuration, manifest and timings. */
export class RunDetailDto extends RunSummaryDto {
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'the validated run spec' })
  config!: Record<string, unknown>;

  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true, description: 'engine version, resolved settings, data hash, window (once done)' })
  manifest!: Record<string, unknown> | null;

  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' }, example: { loadMs: 12.1, engineMs: 40.3, outputsMs: 0.2, artifactsMs: 9.8, storeMs: 55.2 } })
  timings!: Record<string, number>;

  @ApiProperty({ nullable: true, type: String, description: 'SHA-256 of the result (replay checks it)' })
  resultHash!: string | null;
}

/** `GET /backtests`: one page. */
export class RunPageDto {
  @ApiProperty({ type: [RunSummaryDto] })
  items!: RunSummaryDto[];

  @ApiProperty({ nullable: true, type: String, description: 'pass as `cursor` for the next page; null on the last page' })
  nextCursor!: string | null;
}

/** A run just started. */
export class StartedRunDto {
  @ApiProperty({ example: 'sma-cross-AAPL-20261123-010203-ab12' })
  id!: string;

  @ApiProperty({ enum: RUN_STATUSES, example: 'queued' })
  status!: RunStatus;

  @ApiProperty({ example: 'AAPL' })
  symbol!: string;
}

/** `POST /backtests` (202): one run per symbol; with exactly one symbol also `id` and `status` at the top level. */
export class StartedRunsDto {
  @ApiProperty({ type: [StartedRunDto] })
  runs!: StartedRunDto[];

  @ApiPropertyOptional({ description: 'only when exactly one symbol was given' })
  id?: string;

  @ApiPropertyOptional({ enum: RUN_STATUSES, description: 'only when exactly one symbol was given' })
  status?: RunStatus;
}

/** `POST /backtests/:id/cancel` (200). */
export class CancelledRunDto {
  @ApiProperty({ example: 'sma-cross-AAPL-20261123-010203-ab12' })
  id!: string;

  @ApiProperty({ enum: ['cancelled'] })
  status!: 'cancelled';
}
