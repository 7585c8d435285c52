import { Controller, Get, Param, Query, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { createReadStream } from 'node:fs';
import { CsvRoute } from './csv.interceptor';
import { DecisionsQueryDto } from './dto/decisions-query.dto';
import { ErrorDto } from './dto/error.dto';
import { ArtifactListDto, DecisionsDto, EquityDto, LlmUsageDto, ReflectionsDto, TradesDto } from './dto/run-results.dto';
import { ApiPreparedOk } from './openapi-responses';
import { ARTIFACT_CONTENT_TYPES, RunFile, RunFiles, SAFE_FILE_NAME } from './run-files.service';
import { RunResults } from './run-results.service';
import { sendPrepared } from './prepared-response';

/**
 * A run's results: equity, trades, agent trace, reflections, LLM usage, report and artifacts.
 * Equity, trades and the trace of a done run are serialised once and sent as bytes (sendPrepared).
 */
@ApiTags('backtests')
@ApiNotFoundResponse({ type: ErrorDto, description: 'unknown run id' })
@Controller('backtests/:id')
export class BacktestResultsController {
  constructor(
    private readonly results: RunResults,
    private readonly files: RunFiles,
  ) {}

  @Get('equity')
  @CsvRoute()
  @ApiOperation({ summary: 'Equity, cash, position and close at every bar of the window' })
  @ApiPreparedOk(EquityDto, { csv: true })
  async equity(@Param('id') id: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    sendPrepared(req, res, await this.results.equity(id));
  }

  @Get('trades')
  @CsvRoute()
  @ApiOperation({ summary: 'Round-trip trades' })
  @ApiPreparedOk(TradesDto, { csv: true })
  async trades(@Param('id') id: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    sendPrepared(req, res, await this.results.trades(id));
  }

  @Get('decisions')
  @CsvRoute()
  @ApiOperation({ summary: 'The agent trace: every agent output of every bar, by date and agent' })
  @ApiPreparedOk(DecisionsDto, { csv: true })
  @ApiBadRequestResponse({ type: ErrorDto, description: 'a bad or unknown query parameter, named in `field`' })
  async decisions(@Param('id') id: string, @Query() query: DecisionsQueryDto, @Req() req: Request, @Res() res: Response): Promise<void> {
    sendPrepared(req, res, await this.results.decisions(id, query));
  }

  @Get('reflections')
  @ApiOperation({ summary: "The labelled cases of the run's reflective agents (rule strategies record none)" })
  @ApiOkResponse({ type: ReflectionsDto })
  reflections(@Param('id') id: string): Promise<ReflectionsDto> {
    return this.results.reflections(id);
  }

  @Get('llm-usage')
  @ApiOperation({ summary: 'LLM calls, tokens, cost and fallbacks of the run, in all and per agent' })
  @ApiOkResponse({ type: LlmUsageDto })
  llmUsage(@Param('id') id: string): Promise<LlmUsageDto> {
    return this.results.llmUsage(id);
  }

  @Get('report')
  @ApiOperation({ summary: 'The self-contained HTML report (backtests/<id>/report.html)' })
  @ApiResponse({ status: 200, description: 'the report page', content: { 'text/html': { schema: { type: 'string' } } } })
  async report(@Param('id') id: string): Promise<StreamableFile> {
    return streamOf(await this.files.report(id));
  }

  @Get('artifacts')
  @ApiOperation({ summary: "The files in the run's artifact directory" })
  @ApiOkResponse({ type: ArtifactListDto })
  async artifacts(@Param('id') id: string): Promise<ArtifactListDto> {
    return { runId: id, names: await this.files.names(id) };
  }

  @Get('artifacts/:name')
  @ApiOperation({ summary: 'One artifact file by name, e.g. manifest.json or equity.csv' })
  @ApiParam({ name: 'name', schema: { type: 'string', pattern: SAFE_FILE_NAME.source }, description: 'a plain file name from GET /backtests/{id}/artifacts' })
  @ApiResponse({
    status: 200,
    description: 'the file, typed by its extension: .json as JSON, .csv as CSV, .html as HTML, .txt as text, anything else as bytes',
    content: {
      [mediaType(ARTIFACT_CONTENT_TYPES['.json'])]: { schema: {} },
      [mediaType(ARTIFACT_CONTENT_TYPES['.csv'])]: { schema: { type: 'string' } },
      [mediaType(ARTIFACT_CONTENT_TYPES['.html'])]: { schema: { type: 'string' } },
      [mediaType(ARTIFACT_CONTENT_TYPES['.txt'])]: { schema: { type: 'string' } },
      'application/octet-stream': { schema: { type: 'string', format: 'binary' } },
    },
  })
  async artifact(@Param('id') id: string, @Param('name') name: string): Promise<StreamableFile> {
    return streamOf(await this.files.file(id, name));
  }
}

/** A content type without its parameters (`text/csv; charset=utf-8` → `text/csv`). */
function mediaType(contentType: string): string {
  return contentType.split(';')[0].trim();
}

function streamOf(file: RunFile): StreamableFile {
  return new StreamableFile(createReadStream(file.path), { type: file.contentType, length: file.size });
}
