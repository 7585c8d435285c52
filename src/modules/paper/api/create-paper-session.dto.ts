import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsIn, IsInt, IsNotEmpty, IsNumber, IsObject, IsOptional, IsPositive, IsString, Max, MaxLength, Min } from 'class-validator';
import { LLM_OPTIONS_SCHEMA } from '../../api/dto/create-backtest.dto';
import { EngineOverridesDto } from '../../api/dto/engine-overrides.dto';
import { ISO_DAY_SCHEMA, IsIsoDay, IsStrategyRef, STRATEGY_NAME_PATTERN } from '../../api/dto/validators';

/** `POST /paper-sessions`: the same settings as `tradinggroup paper start`. */
export class CreatePaperSessionDto {
  @ApiProperty({
    oneOf: [{ type: 'string', pattern: STRATEGY_NAME_PATTERN, example: 'sma-cross' }, { $ref: '#/components/schemas/StrategyConfigDto' }],
    description: 'a strategy name from GET /strategies, or an inline strategy config; an unknown name is a 400 naming `strategy`',
  })
  @IsStrategyRef()
  strategy!: string | Record<string, unknown>;

  @ApiPropertyOptional({ type: 'array', items: { type: 'string', minLength: 1, maxLength: 32 }, minItems: 1, maxItems: 20, example: ['AAPL'], description: 'symbols, 1..20, each a sleeve with an equal share of the cash (default: the dataset of a replay:<dataset> feed)' })
  @IsOptional()
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(32, { each: true })
  symbols?: string[];

  @ApiProperty({ minLength: 1, maxLength: 500, example: 'replay:AAPL', description: "where bars come from: replay (each symbol's dataset), replay:<dataset>, csv-dir:<folder on the server>, yahoo or alpaca" })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  feed!: string;

  @ApiPropertyOptional({ enum: ['sim', 'alpaca'], default: 'sim', description: "sim: the backtest's simulated broker; alpaca: orders also go to an Alpaca paper account (keys from the server's environment)" })
  @IsOptional()
  @IsIn(['sim', 'alpaca'])
  broker?: 'sim' | 'alpaca';

  @ApiPropertyOptional({ maxLength: 200, example: '5 16 * * 1-5', description: 'tick on this cron schedule (give this or tickEvery)' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cron?: string;

  @ApiPropertyOptional({ maxLength: 64, example: 'America/New_York', description: 'time zone of `cron` (default America/New_York)' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  timeZone?: string;

  @ApiPropertyOptional({ maxLength: 32, example: '1s', description: 'tick at this interval: 500ms, 1s, 5m, 1h (give this or cron)' })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  tickEvery?: string;

  @ApiPropertyOptional({ ...ISO_DAY_SCHEMA, example: '2016-01-04', description: 'replay feeds: the first day of the session (earlier bars are warm-up)' })
  @IsOptional()
  @IsIsoDay()
  from?: string;

  @ApiPropertyOptional({ ...ISO_DAY_SCHEMA, example: '2016-06-30', description: "replay feeds: the last day (default: the data's last); the session is done after it" })
  @IsOptional()
  @IsIsoDay()
  to?: string;

  @ApiPropertyOptional({ type: 'number', minimum: 0, exclusiveMinimum: true, example: 100000, description: 'starting cash, split equally between the symbols (default 100000)' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @IsPositive()
  cash?: number;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, example: { fast: 5 }, description: "overrides of the strategy's parameters" })
  @IsOptional()
  @IsObject()
  params?: Record<string, unknown>;

  @ApiPropertyOptional({
    type: () => EngineOverridesDto,
    description: "engine settings over the default profile's, as for POST /backtests; not initialCash (the session's cash is `cash`)",
    example: { slippageBps: 5 },
  })
  @IsOptional()
  @IsObject()
  engine?: Record<string, unknown>;

  @ApiPropertyOptional({ enum: ['analytic', 'llm'], default: 'analytic' })
  @IsOptional()
  @IsIn(['analytic', 'llm'])
  mode?: 'analytic' | 'llm';

  @ApiPropertyOptional({
    ...LLM_OPTIONS_SCHEMA,
    description: 'options of the llm mode, as for POST /backtests (baseUrl, model, concurrency, anonymize, maxCalls, maxTokens, maxCostUsd, cache, timeoutMs, retries); budgets hold for the whole session',
    example: { model: 'qwen3:8b', maxCalls: 5000 },
  })
  @IsOptional()
  @IsObject()
  llm?: Record<string, unknown>;

  @ApiPropertyOptional({ enum: ['none', 'splits', 'total', 'auto'], description: 'replay feeds: price adjustment (default auto)' })
  @IsOptional()
  @IsIn(['none', 'splits', 'total', 'auto'])
  adjust?: 'none' | 'splits' | 'total' | 'auto';

  @ApiPropertyOptional({ type: 'number', example: 0.03, minimum: -1, maximum: 1, description: "annual risk-free rate of the report's Sharpe and Sortino (default 0.03)" })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-1)
  @Max(1)
  riskFreeRate?: number;

  @ApiPropertyOptional({ type: 'integer', example: 3, minimum: 1, maximum: 1000, description: 'consecutive failed ticks after which the session pauses itself (default 3)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1000)
  maxFailures?: number;

  @ApiPropertyOptional({ type: 'integer', example: 5, minimum: 1, maximum: 366, description: 'live feeds: a newest bar older than this many days fails the tick (default 5)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(366)
  staleAfterDays?: number;

  @ApiPropertyOptional({ type: 'array', items: { type: 'string', maxLength: 100 }, maxItems: 50, example: ['apple'], description: 'names the news may use for the symbols' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  aliases?: string[];
}
