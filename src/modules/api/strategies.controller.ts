import { Controller, Get, Param } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { resolveParams, STRATEGY_KINDS } from '../../core/strategies/registry';
import { NotFoundError } from '../backtests/input.error';
import { StrategyCatalog } from '../backtests/strategy.catalog';
import { STRATEGY_NAME } from './backtest-request.mapper';
import { StrategyDto } from './dto/catalog.dto';
import { ErrorDto } from './dto/error.dto';

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
        return { name, kind: '', description: '', params: {}, error: (e as Error).message };
      }
    });
  }

  @Get(':name')
  @ApiOperation({ summary: 'One strategy file, with every parameter resolved to its default' })
  @ApiOkResponse({ type: StrategyDto })
  @ApiNotFoundResponse({ type: ErrorDto })
  get(@Param('name') name: string): StrategyDto {
    if (!STRATEGY_NAME.test(name)) throw new NotFoundError(`unknown strategy "${name}"`);
    return this.describe(name);
  }

  private describe(name: string): StrategyDto {
    const config = this.catalog.get(name);
    return {
      name: config.name,
      kind: config.kind,
      description: config.description,
      params: config.params,
      kindDescription: STRATEGY_KINDS[config.kind]?.description,
      resolvedParams: resolveParams(config.kind, config.params),
    };
  }
}
