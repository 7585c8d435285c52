import { ApiPropertyOptional } from '@nestjs/swagger';

const NON_NEGATIVE = { type: 'number', minimum: 0 } as const;

/**
 * `engine` of `POST /backtests`: engine settings over the profile's, each optional (the run spec's
 * EngineOverrides; a spec checks that both list the same settings). Unknown settings are a 400.
 */
export class EngineOverridesDto {
  @ApiPropertyOptional({ type: 'number', minimum: 0, exclusiveMinimum: true, example: 100000 })
  initialCash?: number;

  @ApiPropertyOptional({ enum: ['next-open', 'close'], description: "market orders fill at the next bar's open (default) or the signal bar's close" })
  fillAt?: 'next-open' | 'close';

  @ApiPropertyOptional({
    description: 'commission model',
    oneOf: [
      { type: 'object', additionalProperties: false, required: ['kind', 'perShare', 'min', 'maxPct'], properties: { kind: { type: 'string', enum: ['per-share'] }, perShare: NON_NEGATIVE, min: NON_NEGATIVE, maxPct: { type: 'number', minimum: 0, exclusiveMinimum: true } } },
      { type: 'object', additionalProperties: false, required: ['kind', 'rate'], properties: { kind: { type: 'string', enum: ['percent'] }, rate: NON_NEGATIVE } },
      { type: 'object', additionalProperties: false, required: ['kind', 'amount'], properties: { kind: { type: 'string', enum: ['fixed'] }, amount: NON_NEGATIVE } },
      { type: 'object', additionalProperties: false, required: ['kind'], properties: { kind: { type: 'string', enum: ['none'] } } },
    ],
    example: { kind: 'per-share', perShare: 0.0049, min: 0.99, maxPct: 0.01 },
  })
  commission?: Record<string, unknown>;

  @ApiPropertyOptional({ type: 'number', minimum: 0, example: 5 })
  slippageBps?: number;

  @ApiPropertyOptional({ type: 'boolean' })
  allowShort?: boolean;

  @ApiPropertyOptional({ enum: ['margin', 'cash-secured'] })
  shortModel?: 'margin' | 'cash-secured';

  @ApiPropertyOptional({ type: 'number', minimum: 0, exclusiveMinimum: true })
  shortMarginRate?: number;

  @ApiPropertyOptional({ enum: ['resize', 'reject'], description: 'a buy the cash cannot cover is cut to what it covers, or refused' })
  onInsufficientCash?: 'resize' | 'reject';

  @ApiPropertyOptional({ type: 'boolean' })
  precheckAtSignalPrice?: boolean;

  @ApiPropertyOptional({ type: 'boolean', description: 'close the open position at the last bar' })
  closeAtEnd?: boolean;

  @ApiPropertyOptional({ type: 'number', minimum: 0, description: "annual rate the free cash earns (default: the run's risk-free rate; 0 in the finsaber profile)", example: 0.03 })
  cashRate?: number;

  @ApiPropertyOptional({ type: 'number', minimum: 0, description: 'margin model: the equity a short must keep at every close, as a share of its value (0: none); below it the short is bought in', example: 0.3 })
  maintenanceMarginRate?: number;

  @ApiPropertyOptional({ type: 'number', minimum: 0, description: 'annual fee on the value of an open short, charged every bar', example: 0 })
  borrowFeeRate?: number;

  @ApiPropertyOptional({ type: 'boolean', description: 'end the run at the first close where equity is at or below zero' })
  stopAtZeroEquity?: boolean;
}
