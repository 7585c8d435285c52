import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBadRequestResponse, ApiConflictResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { BacktestJobs } from './backtest-jobs.service';
import { BacktestRequestMapper } from './backtest-request.mapper';
import { wantsCsv } from './csv.interceptor';
import { CreateBacktestDto } from './dto/create-backtest.dto';
import { ErrorDto } from './dto/error.dto';
import { ListBacktestsDto } from './dto/list-backtests.dto';
import { CancelledRunDto, RunDetailDto, RunPageDto, StartedRunsDto } from './dto/run.dto';
import { ApiErrorResponse, ApiMutation, ApiPreparedOk } from './openapi-responses';
import { REQUEST_LIMITS } from './request-limits';
import { RunQueries } from './run-queries.service';
import { sendPrepared } from './prepared-response';

/** Starting, listing, reading, cancelling and deleting backtest runs. */
@ApiTags('backtests')
@Controller('backtests')
export class BacktestsController {
  constructor(
    private readonly requests: BacktestRequestMapper,
    private readonly jobs: BacktestJobs,
    private readonly queries: RunQueries,
  ) {}

  @Post()
  @HttpCode(202)
  @ApiMutation()
  @ApiOperation({ summary: 'Start one run per symbol; they execute in worker threads' })
  @ApiAcceptedResponse({ type: StartedRunsDto })
  @ApiBadRequestResponse({
    type: ErrorDto,
    description: `a bad field, named in \`field\` (unknown strategy: \`strategy\`; no dataset: \`symbols\`), a body that is not JSON, nested deeper than ${REQUEST_LIMITS.maxDepth} levels or with an array of more than ${REQUEST_LIMITS.maxArrayItems} items, or a reserved key`,
  })
  @ApiErrorResponse(413, `the body is larger than ${REQUEST_LIMITS.maxBodyBytes} bytes`)
  @ApiErrorResponse(415, 'the body is not JSON (application/json, UTF-8)')
  async start(@Body() body: CreateBacktestDto): Promise<StartedRunsDto> {
    const runs = await this.jobs.start(this.requests.requestsOf(body));
    return runs.length === 1 ? { id: runs[0].id, status: runs[0].status, runs } : { runs };
  }

  @Get()
  @ApiOperation({ summary: 'List runs: filter, sort by any metric, cursor pages' })
  @ApiPreparedOk(RunPageDto, { csv: true })
  @ApiBadRequestResponse({ type: ErrorDto, description: 'a bad or unknown query parameter, named in `field`' })
  async list(@Query() query: ListBacktestsDto, @Req() req: Request, @Res() res: Response): Promise<void> {
    const asCsv = wantsCsv(req);
    // A JSON page carries no CSV, yet the answer depends on Accept all the same.
    res.vary('Accept');
    sendPrepared(req, res, await this.queries.preparedPage(query, asCsv));
  }

  @Get(':id')
  @ApiOperation({ summary: 'A run: status, progress, config, metrics, timings' })
  @ApiPreparedOk(RunDetailDto)
  @ApiNotFoundResponse({ type: ErrorDto })
  async get(@Param('id') id: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    sendPrepared(req, res, await this.queries.detail(id));
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiMutation()
  @ApiOperation({ summary: 'Cancel a queued or running run' })
  @ApiOkResponse({ type: CancelledRunDto })
  @ApiNotFoundResponse({ type: ErrorDto })
  @ApiConflictResponse({ type: ErrorDto, description: 'the run already ended' })
  cancel(@Param('id') id: string): Promise<CancelledRunDto> {
    return this.jobs.cancel(id);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiMutation()
  @ApiOperation({ summary: 'Delete a run, its results and artifacts (cancelling it first if it runs)' })
  @ApiNoContentResponse({ description: 'deleted' })
  @ApiNotFoundResponse({ type: ErrorDto })
  delete(@Param('id') id: string): Promise<void> {
    return this.jobs.delete(id);
  }
}
