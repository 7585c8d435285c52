import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { IsIsoDay } from './validators';

/** `GET /backtests/:id/decisions` filters. */
export class DecisionsQueryDto {
  @ApiPropertyOptional({ example: '2016-06-30', description: 'only this day' })
  @IsOptional()
  @IsIsoDay()
  date?: string;

  @ApiPropertyOptional({ example: 'decision', description: 'only this agent (news, report, forecast, style, decision, risk)' })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  agent?: string;
}
