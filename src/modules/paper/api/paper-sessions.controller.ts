import { BadGatewayException, Body, Controller, Get, HttpCode, Param, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiBadGatewayResponse, ApiBadRequestResponse, ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { parseIsoDay } from '../../../core/market/dates';
import { InputError, NotFoundError } from '../../backtests/input.error';
import { StrategyCatalog, validateStrategyConfig } from '../../backtests/strategy.catalog';
import { ErrorDto } from '../../api/dto/error.dto';
import { ApiErrorResponse, ApiMutation } from '../../api/openapi-responses';
import { REQUEST_LIMITS } from '../../api/request-limits';
import { PaperRepository } from '../../persistence/paper';
import { FeedError } from '../feeds/feed-error';
import { PaperReports } from '../paper-reports.service';
import { PaperSessionsService } from '../paper-sessions.service';
import { decisionView, equityView, orderView, positionView, sessionView, tickView } from '../paper-views';
import { parseDuration } from '../tick-times';
import { CreatePaperSessionDto } from './create-paper-session.dto';
import { ListPaperSessionsDto, PaperDecisionsQueryDto, PaperReportQueryDto, PaperTicksQueryDto } from './paper-query.dto';
import { PaperDecisionDto, PaperEquityPointDto, PaperOrderDto, PaperPositionDto, PaperSessionDto, PaperTickDto } from './paper-session.dto';

const STRATEGY_NAME = /^[a-z0-9][a-z0-9-]*$/;

/** Paper-trading sessions over REST: the same operations as `tradinggroup paper`. */
@ApiTags('paper')
@Controller('paper-sessions')
export class PaperSessionsController {
  constructor(
    private readonly sessions: PaperSessionsService,
    private readonly repo: PaperRepository,
    private readonly reports: PaperReports,
    private readonly strategies: StrategyCatalog,
  ) {}

  @Post()
  @HttpCode(201)
  @ApiMutation()
  @ApiOperation({ summary: 'Start a session; `serve` picks it up and ticks it on its schedule' })
  @ApiCreatedResponse({ type: PaperSessionDto })
  @ApiBadRequestResponse({
    type: ErrorDto,
    description: `a bad field, named in \`field\`, a body that is not JSON, nested deeper than ${REQUEST_LIMITS.maxDepth} levels or with an array of more than ${REQUEST_LIMITS.maxArrayItems} items, or a reserved key`,
  })
  @ApiErrorResponse(413, `the body is larger than ${REQUEST_LIMITS.maxBodyBytes} bytes`)
  @ApiErrorResponse(415, 'the body is not JSON (application/json, UTF-8)')
  @ApiBadGatewayResponse({ type: ErrorDto, description: 'the feed could not give the warm-up history' })
  async start(@Body() body: CreatePaperSessionDto): Promise<PaperSessionDto> {
    const strategy = this.strategyOf(body.strategy);
    strategy.params = { ...strategy.params, ...(body.params ?? {}) };
    let tickEveryMs: number | undefined;
    if (body.tickEvery !== undefined) {
      const ms = parseDuration(body.tickEvery);
      if (ms === null) throw new InputError(`tickEvery: expected a duration such as 500ms, 1s, 5m or 1h, got "${body.tickEvery}"`, 'tickEvery');
      tickEveryMs = ms;
    }
    try {
      const session = await this.sessions.start({ ...body, strategy, tickEveryMs, engine: body.engine as never, llm: body.llm as never });
      return sessionView(session);
    } catch (e) {
      if (e instanceof FeedError) throw new BadGatewayException(e.message);
      if (e instanceof InputError && e.field?.startsWith('strategy.params.')) throw new InputError(e.message.replace('strategy.params.', 'params.'), e.field.slice('strategy.'.length));
      throw e;
    }
  }

  @Get()
  @ApiOperation({ summary: 'Sessions, newest first' })
  @ApiOkResponse({ type: [PaperSessionDto] })
  @ApiBadRequestResponse({ type: ErrorDto })
  async list(@Query() query: ListPaperSessionsDto): Promise<PaperSessionDto[]> {
    return (await this.sessions.list(query.status ? [query.status] : undefined)).map(sessionView);
  }

  @Get(':id')
  @ApiOperation({ summary: 'A session: status, newest bar, last and next tick, equity' })
  @ApiOkResponse({ type: PaperSessionDto })
  @ApiNotFoundResponse({ type: ErrorDto })
  async get(@Param('id') id: string): Promise<PaperSessionDto> {
    return sessionView(await this.sessions.get(id));
  }

  @Get(':id/orders')
  @ApiOperation({ summary: 'Every order of the session with its fill, by symbol and number' })
  @ApiOkResponse({ type: [PaperOrderDto] })
  @ApiNotFoundResponse({ type: ErrorDto })
  async orders(@Param('id') id: string): Promise<PaperOrderDto[]> {
    await this.sessions.get(id);
    return (await this.repo.orders(id)).map(orderView) as PaperOrderDto[];
  }

  @Get(':id/positions')
  @ApiOperation({ summary: "Each sleeve's account after its newest bar" })
  @ApiOkResponse({ type: [PaperPositionDto] })
  @ApiNotFoundResponse({ type: ErrorDto })
  async positions(@Param('id') id: string): Promise<PaperPositionDto[]> {
    await this.sessions.get(id);
    return (await this.repo.positions(id)).map(positionView);
  }

  @Get(':id/equity')
  @ApiOperation({ summary: 'Equity per bar: the session and each sleeve' })
  @ApiOkResponse({ type: [PaperEquityPointDto] })
  @ApiNotFoundResponse({ type: ErrorDto })
  async equity(@Param('id') id: string): Promise<PaperEquityPointDto[]> {
    const s = sessionView(await this.sessions.get(id));
    return equityView(await this.repo.equity(id), s.symbols, s.cash / s.symbols.length);
  }

  @Get(':id/decisions')
  @ApiOperation({ summary: "The agents' decision trace of the session" })
  @ApiOkResponse({ type: [PaperDecisionDto] })
  @ApiBadRequestResponse({ type: ErrorDto })
  @ApiNotFoundResponse({ type: ErrorDto })
  async decisions(@Param('id') id: string, @Query() query: PaperDecisionsQueryDto): Promise<PaperDecisionDto[]> {
    await this.sessions.get(id);
    const rows = await this.repo.decisions(id, { symbol: query.symbol, agent: query.agent, ...(query.date && { time: parseIsoDay(query.date) }) });
    return rows.map(decisionView) as PaperDecisionDto[];
  }

  @Get(':id/ticks')
  @ApiOperation({ summary: 'The newest ticks first (100 unless `limit`): processed, idle, skipped (with why) or failed' })
  @ApiOkResponse({ type: [PaperTickDto] })
  @ApiBadRequestResponse({ type: ErrorDto })
  @ApiNotFoundResponse({ type: ErrorDto })
  async ticks(@Param('id') id: string, @Query() query: PaperTicksQueryDto): Promise<PaperTickDto[]> {
    await this.sessions.get(id);
    return (await this.repo.ticks(id, query.limit ?? 100)).map(tickView);
  }

  @Get(':id/report')
  @ApiOperation({ summary: "The self-contained HTML report of a sleeve so far (the backtest's report)" })
  @ApiOkResponse({ description: 'the report page', content: { 'text/html': { schema: { type: 'string' } } } })
  @ApiBadRequestResponse({ type: ErrorDto, description: 'a symbol the session does not trade' })
  @ApiNotFoundResponse({ type: ErrorDto, description: 'no such session, or no bar processed yet' })
  async report(@Param('id') id: string, @Query() query: PaperReportQueryDto): Promise<StreamableFile> {
    const { html } = await this.reports.render(id, query.symbol);
    return new StreamableFile(Buffer.from(html, 'utf8'), { type: 'text/html; charset=utf-8' });
  }

  @Post(':id/pause')
  @HttpCode(200)
  @ApiMutation()
  @ApiOperation({ summary: 'Pause an active session (positions and open orders stay)' })
  @ApiOkResponse({ type: PaperSessionDto })
  @ApiNotFoundResponse({ type: ErrorDto })
  @ApiConflictResponse({ type: ErrorDto, description: 'the session is not active' })
  async pause(@Param('id') id: string): Promise<PaperSessionDto> {
    return sessionView(await this.sessions.pause(id));
  }

  @Post(':id/resume')
  @HttpCode(200)
  @ApiMutation()
  @ApiOperation({ summary: 'Resume a paused session' })
  @ApiOkResponse({ type: PaperSessionDto })
  @ApiNotFoundResponse({ type: ErrorDto })
  @ApiConflictResponse({ type: ErrorDto, description: 'the session is not paused' })
  async resume(@Param('id') id: string): Promise<PaperSessionDto> {
    return sessionView(await this.sessions.resume(id));
  }

  @Post(':id/stop')
  @HttpCode(200)
  @ApiMutation()
  @ApiOperation({ summary: 'Stop a session for good (positions are left as they are)' })
  @ApiOkResponse({ type: PaperSessionDto })
  @ApiNotFoundResponse({ type: ErrorDto })
  @ApiConflictResponse({ type: ErrorDto, description: 'the session has ended already' })
  async stop(@Param('id') id: string): Promise<PaperSessionDto> {
    return sessionView(await this.sessions.stop(id));
  }

  private strategyOf(ref: string | Record<string, unknown>) {
    if (typeof ref !== 'string') {
      try {
        return validateStrategyConfig(ref, 'strategy');
      } catch (e) {
        if (e instanceof InputError) throw new InputError(e.message, e.field ? `strategy.${e.field}` : 'strategy');
        throw e;
      }
    }
    if (!STRATEGY_NAME.test(ref)) throw new InputError(`strategy: "${ref}" is not a strategy name (see GET /strategies)`, 'strategy');
    try {
      return this.strategies.get(ref);
    } catch (e) {
      if (e instanceof NotFoundError || e instanceof InputError) throw new InputError(`strategy: ${e.message}`, 'strategy');
      throw e;
    }
  }
}
