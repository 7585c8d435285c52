import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsIn, IsInt, IsNotEmpty, IsObject, IsOptional, IsString } from 'class-validator';
import { RunSettingsDto } from './run-settings.dto';
import { ISO_DAY_SCHEMA, IsIsoDay, IsStrategyRef, STRATEGY_NAME_PATTERN } from './validators';

/** At most this many symbols (so runs) per request. */
export const MAX_SYMBOLS_PER_REQUEST = 20;

/** The OpenAPI schema of `llm` (the run spec's llm options; also taken by POST /paper-sessions). */
export const LLM_OPTIONS_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: {
    baseUrl: { type: 'string', format: 'uri', description: 'OpenAI-compatible endpoint (default: the server\'s TRADINGGROUP_LLM_BASE_URL)' },
    model: { type: 'string', description: "the agents' model (default: TRADINGGROUP_LLM_MODEL)" },
    concurrency: { type: 'integer', minimum: 1, maximum: 64, default: 4 },
    anonymize: { type: 'boolean', default: false, description: 'hide ticker, names, dates and price level from the model' },
    maxCalls: { type: 'integer', minimum: 1, description: 'budget of requests; the run stops as budget_exceeded before passing it' },
    maxTokens: { type: 'integer', minimum: 1, description: 'budget of tokens (worst case counted before each request)' },
    maxCostUsd: { type: 'number', minimum: 0, exclusiveMinimum: true, description: 'budget in US dollars (needs a price for the model)' },
    cache: { type: 'string', enum: ['off', 'reuse'], default: 'off', description: "reuse: answer identical requests from earlier runs' records" },
    timeoutMs: { type: 'integer', minimum: 100, maximum: 600000, default: 60000 },
    retries: { type: 'integer', minimum: 0, maximum: 10, default: 4 },
  },
} as const;

/** An inline strategy config (the content of a strategies/<name>.json file). */
export class StrategyConfigDto {
  @ApiProperty({ example: 'my-sma', description: 'lowercase letters, digits and dashes', pattern: STRATEGY_NAME_PATTERN })
  name!: string;

  @ApiProperty({ example: 'sma-cross', description: 'a strategy kind (see GET /strategies)', minLength: 1 })
  kind!: string;

  @ApiPropertyOptional()
  description?: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, example: { fast: 5, slow: 30 } })
  params?: Record<string, unknown>;
}

/** `POST /backtests`: one run per symbol, all with the same settings. */
export class CreateBacktestDto extends RunSettingsDto {
  @ApiProperty({
    oneOf: [{ type: 'string', pattern: STRATEGY_NAME_PATTERN, maxLength: 160, example: 'sma-cross' }, { $ref: '#/components/schemas/StrategyConfigDto' }],
    description: 'a strategy name from GET /strategies, or an inline strategy config; an unknown name is a 400 naming `strategy`',
  })
  @IsStrategyRef()
  strategy!: string | Record<string, unknown>;

  @ApiProperty({
    type: 'array',
    items: { type: 'string', minLength: 1 },
    minItems: 1,
    maxItems: MAX_SYMBOLS_PER_REQUEST,
    example: ['AAPL'],
    description: `imported datasets (GET /datasets), 1..${MAX_SYMBOLS_PER_REQUEST}; one run each`,
  })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(MAX_SYMBOLS_PER_REQUEST)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  symbols!: string[];

  @ApiProperty({ ...ISO_DAY_SCHEMA, example: '2014-01-02', description: 'first day of the evaluation window' })
  @IsIsoDay()
  from!: string;

  @ApiProperty({ ...ISO_DAY_SCHEMA, example: '2018-05-11', description: 'last day of the evaluation window (inclusive; exclusive in the finsaber profile)' })
  @IsIsoDay()
  to!: string;

  @ApiPropertyOptional({ enum: ['analytic', 'llm'], default: 'analytic' })
  @IsOptional()
  @IsIn(['analytic', 'llm'])
  mode?: 'analytic' | 'llm';

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, example: { fast: 5 }, description: "overrides of the strategy's parameters" })
  @IsOptional()
  @IsObject()
  params?: Record<string, unknown>;

  @ApiPropertyOptional({ type: 'integer', example: 0, description: 'seed of any randomness (default 0)' })
  @IsOptional()
  @IsInt()
  seed?: number;

  @ApiPropertyOptional({
    ...LLM_OPTIONS_SCHEMA,
    description: 'options of the llm mode (mode: "llm"); the API key comes from the server\'s environment only',
    example: { model: 'qwen3:8b', concurrency: 4, maxCalls: 2000 },
  })
  @IsOptional()
  @IsObject()
  llm?: Record<string, unknown>;
}
