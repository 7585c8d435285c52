import { Body, ConflictException, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBadRequestResponse, ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { StudyKind } from '../persistence/study-record';
import { EngineOverrides } from '../../core/engine/run-spec';
import { ConflictError, InputError } from '../backtests/input.error';
import { StudiesService } from '../studies/studies.service';
import { StudyRunOptions } from '../studies/study-request';
import { studyView } from '../studies/study.views';
import { ErrorDto } from './dto/error.dto';
import { CancelledStudyDto, CreateEvaluationDto, CreateSweepDto, KeepStudyRunsDto, KeptStudyRunsDto, StartedStudyDto, StudyDto, StudyQueryDto } from './dto/study.dto';
import { ApiErrorResponse, ApiMutation } from './openapi-responses';

const DEFAULT_RESULTS = 100;

/**
 * Sweeps and evaluations: started here, measured in this process on worker threads (every core)
 * or, in the scale mode, by the queue's workers, read back with their progress while they run
 * and their summary once done.
 */
@ApiTags('studies')
@Controller()
export class StudiesController {
  constructor(private readonly studies: StudiesService) {}

  @Post('sweeps')
  @HttpCode(202)
  @ApiMutation()
  @ApiOperation({ summary: 'Start a sweep: a strategy over a parameter grid × symbols' })
  @ApiAcceptedResponse({ type: StartedStudyDto })
  @ApiBadRequestResponse({ type: ErrorDto, description: 'a bad field, named in `field` (a grid the strategy refuses entirely: `grid`; no dataset: `symbols`)' })
  @ApiNotFoundResponse({ type: ErrorDto, description: 'an unknown strategy' })
  @ApiErrorResponse(413, 'the body is too large')
  @ApiErrorResponse(415, 'the body is not JSON (application/json, UTF-8)')
  async startSweep(@Body() body: CreateSweepDto): Promise<StartedStudyDto> {
    const started = await this.studies.startSweep(studyRequestOf(body));
    // The outcome is stored with the study (done, failed or cancelled): nobody awaits it here.
    started.completion.catch(() => undefined);
    return { id: started.id, status: 'running', total: started.total };
  }

  @Get('sweeps/:id')
  @ApiOperation({ summary: 'A sweep: status, progress %, its runs ranked by any metric, the summary once done' })
  @ApiOkResponse({ type: StudyDto })
  @ApiBadRequestResponse({ type: ErrorDto, description: 'a bad query parameter, named in `field`' })
  @ApiNotFoundResponse({ type: ErrorDto })
  getSweep(@Param('id') id: string, @Query() query: StudyQueryDto): Promise<StudyDto> {
    return this.view('sweep', id, query);
  }

  @Post('evaluations')
  @HttpCode(202)
  @ApiMutation()
  @ApiOperation({ summary: 'Start an evaluation: strategies over symbols × rolling windows against a benchmark' })
  @ApiAcceptedResponse({ type: StartedStudyDto })
  @ApiBadRequestResponse({ type: ErrorDto, description: 'a bad field, named in `field`' })
  @ApiNotFoundResponse({ type: ErrorDto, description: 'an unknown strategy' })
  @ApiErrorResponse(413, 'the body is too large')
  @ApiErrorResponse(415, 'the body is not JSON (application/json, UTF-8)')
  async startEvaluation(@Body() body: CreateEvaluationDto): Promise<StartedStudyDto> {
    const started = await this.studies.startEvaluation({ ...studyRequestOf(body), step: body.step ?? body.window });
    // The outcome is stored with the study (done, failed or cancelled): nobody awaits it here.
    started.completion.catch(() => undefined);
    return { id: started.id, status: 'running', total: started.total };
  }

  @Get('evaluations/:id')
  @ApiOperation({ summary: 'An evaluation: status, progress %, its runs, per-strategy distributions and intervals once done' })
  @ApiOkResponse({ type: StudyDto })
  @ApiBadRequestResponse({ type: ErrorDto, description: 'a bad query parameter, named in `field`' })
  @ApiNotFoundResponse({ type: ErrorDto })
  getEvaluation(@Param('id') id: string, @Query() query: StudyQueryDto): Promise<StudyDto> {
    return this.view('evaluation', id, query);
  }

  @Post('sweeps/:id/keep')
  @HttpCode(200)
  @ApiMutation()
  @ApiOperation({ summary: "Store runs of a sweep in full (equity, trades, trace, artifacts) from the specs it ran; their metrics equal the sweep's" })
  @ApiOkResponse({ type: KeptStudyRunsDto })
  @ApiBadRequestResponse({ type: ErrorDto, description: 'a bad field, named in `field`' })
  @ApiNotFoundResponse({ type: ErrorDto, description: 'no such sweep, or no run with that index in it' })
  @ApiErrorResponse(413, 'the body is too large')
  @ApiErrorResponse(415, 'the body is not JSON (application/json, UTF-8)')
  keepSweepRuns(@Param('id') id: string, @Body() body: KeepStudyRunsDto): Promise<KeptStudyRunsDto> {
    return this.keep('sweep', id, body.indices);
  }

  @Post('evaluations/:id/keep')
  @HttpCode(200)
  @ApiMutation()
  @ApiOperation({ summary: 'Store runs of an evaluation in full from the specs it ran' })
  @ApiOkResponse({ type: KeptStudyRunsDto })
  @ApiBadRequestResponse({ type: ErrorDto, description: 'a bad field, named in `field`' })
  @ApiNotFoundResponse({ type: ErrorDto, description: 'no such evaluation, or no run with that index in it' })
  @ApiErrorResponse(413, 'the body is too large')
  @ApiErrorResponse(415, 'the body is not JSON (application/json, UTF-8)')
  keepEvaluationRuns(@Param('id') id: string, @Body() body: KeepStudyRunsDto): Promise<KeptStudyRunsDto> {
    return this.keep('evaluation', id, body.indices);
  }

  @Post('sweeps/:id/cancel')
  @HttpCode(200)
  @ApiMutation()
  @ApiOperation({ summary: 'Cancel a running sweep: it stops within a second and keeps no results' })
  @ApiOkResponse({ type: CancelledStudyDto })
  @ApiNotFoundResponse({ type: ErrorDto })
  @ApiConflictResponse({ type: ErrorDto, description: 'the sweep already ended' })
  cancelSweep(@Param('id') id: string): Promise<CancelledStudyDto> {
    return this.cancel('sweep', id);
  }

  @Post('evaluations/:id/cancel')
  @HttpCode(200)
  @ApiMutation()
  @ApiOperation({ summary: 'Cancel a running evaluation: it stops within a second and keeps no results' })
  @ApiOkResponse({ type: CancelledStudyDto })
  @ApiNotFoundResponse({ type: ErrorDto })
  @ApiConflictResponse({ type: ErrorDto, description: 'the evaluation already ended' })
  cancelEvaluation(@Param('id') id: string): Promise<CancelledStudyDto> {
    return this.cancel('evaluation', id);
  }

  private async cancel(kind: StudyKind, id: string): Promise<CancelledStudyDto> {
    try {
      await this.studies.cancel(id, kind, 'cancelled through the API');
    } catch (e) {
      if (e instanceof ConflictError) throw new ConflictException(e.message);
      throw e;
    }
    return { id, status: 'cancelled' };
  }

  private async keep(kind: StudyKind, id: string, indices: number[]): Promise<KeptStudyRunsDto> {
    await this.studies.get(id, kind);
    const kept = await this.studies.keepRuns(id, indices);
    return { kept: indices.map((index) => ({ index, runId: kept.get(index)! })) };
  }

  private async view(kind: StudyKind, id: string, query: StudyQueryDto): Promise<StudyDto> {
    const study = await this.studies.get(id, kind);
    return studyView(study, await this.studies.results(id), { sort: query.sort, order: query.order, limit: query.limit ?? DEFAULT_RESULTS }) as unknown as StudyDto;
  }
}

/**
 * A study body as the service takes it: `params` and `riskFreeRate` under their run-option
 * names, `cash` as the engine's initialCash (as in POST /backtests, not both at once).
 */
function studyRequestOf<T extends CreateSweepDto | CreateEvaluationDto>(body: T): Omit<T, 'params' | 'riskFreeRate' | 'cash' | 'engine'> & StudyRunOptions {
  const { params, riskFreeRate, cash, engine, ...rest } = body;
  if (cash !== undefined && engine?.initialCash !== undefined) throw new InputError('cash: give cash or engine.initialCash, not both', 'cash');
  const overrides = { ...(engine ?? {}), ...(cash !== undefined && { initialCash: cash }) } as EngineOverrides;
  return {
    ...rest,
    ...(params && { param: params }),
    ...(riskFreeRate !== undefined && { riskFree: riskFreeRate }),
    ...(Object.keys(overrides).length > 0 && { engine: overrides }),
  };
}
