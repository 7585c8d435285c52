import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { RUN_STATUSES } from '../../persistence/run-record';
import { SORT_KEYS } from '../run-sort';
import { ISO_DAY_SCHEMA, IsIsoDay } from './validators';

export { RUN_STATUSES };
/** Page size bounds of `GET /backtests`. */
export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 500;

/** `GET /backtests` query: filters, sort and cursor pagination. */
export class ListBacktestsDto {
  @ApiPropertyOptional({ example: 'AAPL', maxLength: 64 })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  symbol?: string;

  @ApiPropertyOptional({ example: 'sma-cross', description: 'the strategy name', maxLength: 160 })
  @IsOptional()
  @IsString()
  @MaxLength(160)
  strategy?: string;

  @ApiPropertyOptional({ enum: RUN_STATUSES })
  @IsOptional()
  @IsIn(RUN_STATUSES)
  status?: (typeof RUN_STATUSES)[number];

  @ApiPropertyOptional({ ...ISO_DAY_SCHEMA, example: '2016-06-30', description: "runs whose evaluation window (from..to, inclusive) contains this day" })
  @IsOptional()
  @IsIsoDay()
  date?: string;

  @ApiPropertyOptional({ enum: SORT_KEYS, default: 'createdAt', description: 'createdAt or any metric; runs without the metric come last' })
  @IsOptional()
  @IsIn(SORT_KEYS)
  sort?: string;

  @ApiPropertyOptional({ enum: ['asc', 'desc'], default: 'desc' })
  @IsOptional()
  @IsIn(['asc', 'desc'])
  order?: 'asc' | 'desc';

  @ApiPropertyOptional({ description: 'nextCursor of the previous page (same sort and order)', maxLength: 1000 })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  cursor?: string;

  @ApiPropertyOptional({ type: 'integer', default: DEFAULT_PAGE_SIZE, minimum: 1, maximum: MAX_PAGE_SIZE })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit?: number;
}
