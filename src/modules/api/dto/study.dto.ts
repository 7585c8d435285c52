import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsIn, IsInt, IsNotEmpty, IsObject, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { STUDY_METRICS } from '../../../core/studies/study-metric';
import { STUDY_KINDS, STUDY_STATUSES } from '../../persistence/study-record';
import { RunSettingsDto } from './run-settings.dto';
import { ISO_DAY_SCHEMA, IsIsoDay, STRATEGY_NAME_PATTERN } from './validators';

/** At most this many symbols per study request. */
export const MAX_STUDY_SYMBOLS = 500;
const SPAN_PATTERN = /^\d+[ymwd]$/;

/** Run settings shared by every run of a study (those of POST /backtests, without the llm mode and seed). */
class StudySettingsDto extends RunSettingsDto {
  @ApiProperty({ type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1, maxItems: MAX_STUDY_SYMBOLS, example: ['AAPL', 'SPX'], description: 'imported datasets (GET /datasets)' })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(MAX_STUDY_SYMBOLS)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  symbols!: string[];

  @ApiPropertyOptional({ ...ISO_DAY_SCHEMA, example: '2014-01-02', description: 'first day of the study (default: first day of the data)' })
  @IsOptional()
  @IsIsoDay()
  from?: string;

  @ApiPropertyOptional({ ...ISO_DAY_SCHEMA, example: '2018-05-01', description: 'last day of the study (default: last day of the data)' })
  @IsOptional()
  @IsIsoDay()
  to?: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, example: { tradeSize: 0.5 }, description: 'strategy parameters every run uses' })
  @IsOptional()
  @IsObject()
  params?: Record<string, unknown>;

  @ApiPropertyOptional({ type: 'array', items: { type: 'string' }, example: ['apple'], description: 'names the news may use for the symbol (tradinggroup)' })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  aliases?: string[];
}

class WalkForwardDto {
  @ApiProperty({ example: '2y', pattern: SPAN_PATTERN.source, description: 'training span' })
  @Matches(SPAN_PATTERN, { message: 'a span such as 2y, 18m, 6w or 90d' })
  train!: string;

  @ApiProperty({ example: '1y', pattern: SPAN_PATTERN.source, description: 'test span (the folds roll by it)' })
  @Matches(SPAN_PATTERN, { message: 'a span such as 2y, 18m, 6w or 90d' })
  test!: string;
}

/** `POST /sweeps`. */
export class CreateSweepDto extends StudySettingsDto {
  @ApiProperty({ example: 'sma-cross', pattern: STRATEGY_NAME_PATTERN, maxLength: 160, description: 'a strategy name from GET /strategies' })
  @IsString()
  @MaxLength(160)
  @Matches(new RegExp(STRATEGY_NAME_PATTERN), { message: 'a strategy name from GET /strategies' })
  strategy!: string;

  @ApiProperty({ example: 'fast=5..20:5,slow=20..60:10', maxLength: 2000, description: 'name=from..to:step, name=a|b|c or name=value, comma-separated' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  grid!: string;

  @ApiPropertyOptional({ enum: STUDY_METRICS, default: 'sharpe', description: 'the metric runs are ranked by' })
  @IsOptional()
  @IsIn(STUDY_METRICS)
  metric?: (typeof STUDY_METRICS)[number];

  @ApiPropertyOptional({ enum: ['desc', 'asc'], default: 'desc' })
  @IsOptional()
  @IsIn(['desc', 'asc'])
  order?: 'desc' | 'asc';

  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: 100, default: 3, description: 'the best runs stored in full (equity, trades, trace, artifacts)' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100)
  keepBest?: number;

  @ApiPropertyOptional({ type: () => WalkForwardDto, description: 'choose the parameters on each training span, test them on the span after it' })
  @IsOptional()
  @ValidateNested()
  @Type(() => WalkForwardDto)
  walkForward?: WalkForwardDto;
}

/** `POST /evaluations`. */
export class CreateEvaluationDto extends StudySettingsDto {
  @ApiProperty({ type: 'array', items: { type: 'string', pattern: STRATEGY_NAME_PATTERN }, minItems: 1, maxItems: 20, example: ['sma-cross', 'bollinger'] })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(20)
  @Matches(new RegExp(STRATEGY_NAME_PATTERN), { each: true, message: 'strategy names from GET /strategies' })
  strategies!: string[];

  @ApiProperty({ example: '2y', pattern: SPAN_PATTERN.source, description: 'length of each window' })
  @Matches(SPAN_PATTERN, { message: 'a span such as 2y, 18m, 6w or 90d' })
  window!: string;

  @ApiPropertyOptional({ example: '1y', pattern: SPAN_PATTERN.source, description: 'how far each window starts after the previous one (default: the window)' })
  @IsOptional()
  @Matches(SPAN_PATTERN, { message: 'a span such as 2y, 18m, 6w or 90d' })
  step?: string;

  @ApiPropertyOptional({ enum: STUDY_METRICS, default: 'sharpe' })
  @IsOptional()
  @IsIn(STUDY_METRICS)
  metric?: (typeof STUDY_METRICS)[number];

  @ApiPropertyOptional({ example: 'buy-and-hold', pattern: STRATEGY_NAME_PATTERN, description: 'the strategy compared with (default buy-and-hold)' })
  @IsOptional()
  @Matches(new RegExp(STRATEGY_NAME_PATTERN), { message: 'a strategy name from GET /strategies' })
  benchmark?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, default: 0, description: 'seed of the bootstrap' })
  @IsOptional()
  @IsInt()
  @Min(0)
  seed?: number;

  @ApiPropertyOptional({ type: 'integer', minimum: 100, maximum: 1000000, default: 10000 })
  @IsOptional()
  @IsInt()
  @Min(100)
  @Max(1_000_000)
  resamples?: number;
}

/** `GET /sweeps/:id` and `GET /evaluations/:id` query. */
export class StudyQueryDto {
  @ApiPropertyOptional({ enum: STUDY_METRICS, description: "rank the runs by this metric (default: the study's)" })
  @IsOptional()
  @IsIn(STUDY_METRICS)
  sort?: (typeof STUDY_METRICS)[number];

  @ApiPropertyOptional({ enum: ['desc', 'asc'] })
  @IsOptional()
  @IsIn(['desc', 'asc'])
  order?: 'desc' | 'asc';

  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: 100000, default: 100, description: 'the first runs of the ranking' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(100_000)
  limit?: number;
}

/** A study just started. */
export class StartedStudyDto {
  @ApiProperty({ example: 'sweep-sma-cross-20261205-021500-ab12' })
  id!: string;

  @ApiProperty({ enum: STUDY_STATUSES })
  status!: string;

  @ApiProperty({ type: 'integer', example: 38, description: 'runs planned' })
  total!: number;
}

export class StudyResultDto {
  @ApiProperty({ type: 'integer' })
  index!: number;

  @ApiProperty({ example: 'sma-cross' })
  strategy!: string;

  @ApiProperty({ example: 'AAPL' })
  symbol!: string;

  @ApiProperty({ type: 'object', additionalProperties: true, example: { fast: 10, slow: 30 } })
  params!: Record<string, unknown>;

  @ApiProperty({ example: '2014-01-02' })
  from!: string;

  @ApiProperty({ example: '2018-05-01' })
  to!: string;

  @ApiProperty({ enum: ['run', 'train', 'test'] })
  phase!: string;

  @ApiProperty({ type: 'integer', nullable: true })
  fold!: number | null;

  @ApiProperty({ type: 'object', additionalProperties: true, description: '{ default: {...} }: those of a single backtest of the same spec' })
  metrics!: Record<string, unknown>;

  @ApiPropertyOptional({ type: 'number', nullable: true, description: 'sweeps: the deflated Sharpe ratio among the symbol\'s trials' })
  deflatedSharpe?: number | null;

  @ApiProperty({ type: [String], example: ['no news for AAPL: the news agent reports no_data on every bar'], description: 'what the run noted (missing inputs, warm-ups), as a single backtest of it shows them' })
  notes!: string[];

  @ApiProperty({ type: String, nullable: true, description: 'a full stored run of the same spec (GET /backtests/{id})' })
  runId!: string | null;
}

/** A note of a study's runs, once per text. */
export class StudyNoteDto {
  @ApiProperty({ example: 'no news for AAPL: the news agent reports no_data on every bar' })
  text!: string;

  @ApiProperty({ type: 'integer', description: 'the runs of the study that made it' })
  runs!: number;

  @ApiProperty({ type: [String], example: ['tradinggroup'] })
  strategies!: string[];

  @ApiProperty({ type: [String], example: ['AAPL'] })
  symbols!: string[];
}

export class StudyDto {
  @ApiProperty({ example: 'sweep-sma-cross-20261205-021500-ab12' })
  id!: string;

  @ApiProperty({ enum: STUDY_KINDS })
  kind!: string;

  @ApiProperty({ enum: STUDY_STATUSES })
  status!: string;

  @ApiProperty({ type: 'number', example: 42.5, description: 'percent of the runs measured (0..100)' })
  progress!: number;

  @ApiProperty({ type: 'integer' })
  total!: number;

  @ApiProperty({ type: 'integer' })
  completed!: number;

  @ApiProperty({ type: 'object', additionalProperties: true, description: 'the study as it was asked for' })
  request!: Record<string, unknown>;

  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true, description: 'once done: best per symbol with the deflated Sharpe ratio, heatmap, walk-forward (sweeps); distributions and bootstrap intervals (evaluations)' })
  summary!: Record<string, unknown> | null;

  @ApiProperty({ type: String, nullable: true })
  error!: string | null;

  @ApiProperty({ type: () => [StudyNoteDto], description: "the runs' notes, each text once, the most frequent first" })
  notes!: StudyNoteDto[];

  @ApiProperty({ example: '2026-12-05T02:15:00.000Z' })
  createdAt!: string;

  @ApiProperty({ type: String, nullable: true })
  finishedAt!: string | null;

  @ApiProperty({ enum: STUDY_METRICS })
  sort!: string;

  @ApiProperty({ enum: ['desc', 'asc'] })
  order!: string;

  @ApiProperty({ type: () => [StudyResultDto], description: 'the runs measured so far, ranked by `sort`' })
  results!: StudyResultDto[];
}

/** `POST /sweeps/:id/cancel` and `POST /evaluations/:id/cancel`. */
export class CancelledStudyDto {
  @ApiProperty({ example: 'sweep-sma-cross-20261205-021500-ab12' })
  id!: string;

  @ApiProperty({ enum: ['cancelled'] })
  status!: 'cancelled';
}

/** `POST /sweeps/:id/keep` and `POST /evaluations/:id/keep`. */
export class KeepStudyRunsDto {
  @ApiProperty({ type: 'array', items: { type: 'integer', minimum: 0 }, minItems: 1, maxItems: 100, example: [0, 7], description: "the runs' `index` in the study" })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(100)
  @IsInt({ each: true })
  @Min(0, { each: true })
  indices!: number[];
}

export class KeptStudyRunDto {
  @ApiProperty({ type: 'integer' })
  index!: number;

  @ApiProperty({ example: 'sma-cross-AAPL-20261205-021500-ab12', description: 'the run stored in full (GET /backtests/{id})' })
  runId!: string;
}

export class KeptStudyRunsDto {
  @ApiProperty({ type: () => [KeptStudyRunDto] })
  kept!: KeptStudyRunDto[];
}
