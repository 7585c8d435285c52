import { Controller, Get, Param } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { join } from 'node:path';
import { resolveParams, STRATEGY_KINDS } from '../../core/strategies/registry';
import { InputError, NotFoundError } from '../backtests/input.error';
import { StrategyCatalog } from '../backtests/strategy.catalog';
import { STRATEGY_NAME } from './backtest-request.mapper';
import { StrategyDto } from './dto/catalog.dto';
import { ErrorDto } from './dto/error.dto';
import { STRATEGY_NAME_PATTERN } from './dto/validators';

/** The strategy files of strategies/. */
@ApiTags('catalog')
@Controller('strategies')
export class StrategiesController {
  constructor(private readonly catalog: StrategyCatalog) {}

  @Get()
  @ApiOperation({ summary: 'Every strategy file, with its parameters' })
  @ApiOkResponse({ type: [StrategyDto] })
  list(): StrategyDto[] {
    return this.catalog.names().map((name) => {
      try {
        return this.describe(name);
      } catch (e) {
        return { name, kind: '', description: '', params: {}, error: this.shown(name, (e as Error).message) };
      }
    });
  }

  @Get(':name')
  @ApiOperation({ summary: 'One strategy file, with every parameter resolved to its default' })
  @ApiParam({ name: 'name', schema: { type: 'string', pattern: STRATEGY_NAME_PATTERN }, description: 'a strategy name from GET /strategies' })
  @ApiOkResponse({ type: StrategyDto })
  @ApiBadRequestResponse({ type: ErrorDto, description: 'the strategy file is not valid (what is wrong, with the file named as strategies/<name>.json)' })
  @ApiNotFoundResponse({ type: ErrorDto })
  get(@Param('name') name: string): StrategyDto {
    if (!STRATEGY_NAME.test(name)) throw new NotFoundError(`unknown strategy "${name}"`);
    return this.describe(name);
  }

  private describe(name: string): StrategyDto {
    let config;
    try {
      config = this.catalog.get(name);
    } catch (e) {
      if (e instanceof InputError) throw new InputError(this.shown(name, e.message), e.field);
      throw e;
    }
    return {
      name: config.name,
      kind: config.kind,
      description: config.description,
      params: config.params,
      kindDescription: STRATEGY_KINDS[config.kind]?.description,
      resolvedParams: resolveParams(config.kind, config.params),
    };
  }

  /** A message about a strategy file with the file named as the client knows it (the server's absolute path stays on the server). */
  private shown(name: string, message: string): string {
    return message.split(join(this.catalog.dir, `${name}.json`)).join(`strategies/${name}.json`);
  }
}
