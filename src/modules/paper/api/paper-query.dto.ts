import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { ISO_DAY_SCHEMA, IsIsoDay } from '../../api/dto/validators';
import { PAPER_STATUSES, PaperStatus } from '../../persistence/paper';

/** `GET /paper-sessions?status=`. */
export class ListPaperSessionsDto {
  @ApiPropertyOptional({ enum: PAPER_STATUSES })
  @IsOptional()
  @IsIn(PAPER_STATUSES)
  status?: PaperStatus;
}

/** `GET /paper-sessions/:id/decisions?date=&agent=&symbol=`. */
export class PaperDecisionsQueryDto {
  @ApiPropertyOptional({ ...ISO_DAY_SCHEMA, example: '2016-02-23' })
  @IsOptional()
  @IsIsoDay()
  date?: string;

  @ApiPropertyOptional({ maxLength: 32, example: 'decision' })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  agent?: string;

  @ApiPropertyOptional({ maxLength: 32, example: 'AAPL' })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  symbol?: string;
}

/** `GET /paper-sessions/:id/report?symbol=`. */
export class PaperReportQueryDto {
  @ApiPropertyOptional({ maxLength: 32, example: 'AAPL', description: "the sleeve to report (default: the session's first symbol)" })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  symbol?: string;
}

/** `GET /paper-sessions/:id/ticks?limit=`. */
export class PaperTicksQueryDto {
  @ApiPropertyOptional({ type: 'integer', example: 100, minimum: 1, maximum: 10000, default: 100, description: 'the newest this many ticks' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10_000)
  limit?: number;
}
