import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { ISO_DAY_SCHEMA, IsIsoDay } from './validators';

/** `GET /backtests/:id/decisions` filters. */
export class DecisionsQueryDto {
  @ApiPropertyOptional({ ...ISO_DAY_SCHEMA, example: '2016-06-30', description: 'only this day' })
  @IsOptional()
  @IsIsoDay()
  date?: string;

  @ApiPropertyOptional({ example: 'decision', description: 'only this agent (news, report, forecast, style, decision, risk)', maxLength: 32 })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  agent?: string;
}
