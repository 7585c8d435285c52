import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNumber, IsObject, IsOptional, IsPositive, Max, Min } from 'class-validator';
import { EngineOverridesDto } from './engine-overrides.dto';

/** The settings of a run that POST /backtests and the study requests (POST /sweeps, /evaluations) take alike. */
export class RunSettingsDto {
  @ApiPropertyOptional({ enum: ['default', 'finsaber'], default: 'default' })
  @IsOptional()
  @IsIn(['default', 'finsaber'])
  profile?: 'default' | 'finsaber';

  @ApiPropertyOptional({ enum: ['none', 'splits', 'total', 'auto'], description: "price adjustment (default: the profile's)" })
  @IsOptional()
  @IsIn(['none', 'splits', 'total', 'auto'])
  adjust?: 'none' | 'splits' | 'total' | 'auto';

  @ApiPropertyOptional({ type: 'number', minimum: 0, exclusiveMinimum: true, example: 100000, description: "initial cash (the engine's initialCash; not with engine.initialCash)" })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @IsPositive()
  cash?: number;

  @ApiPropertyOptional({ type: () => EngineOverridesDto, description: "engine settings over the profile's", example: { fillAt: 'close', slippageBps: 5, commission: { kind: 'percent', rate: 0.001 } } })
  @IsOptional()
  @IsObject()
  engine?: Record<string, unknown>;

  @ApiPropertyOptional({ type: 'number', example: 0.03, minimum: -1, maximum: 1, description: 'annual risk-free rate for Sharpe and Sortino (default 0.03)' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-1)
  @Max(1)
  riskFreeRate?: number;
}
