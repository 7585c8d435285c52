import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CsvRoute } from './csv.interceptor';
import { compareTable } from './csv-tables';
import { CompareQueryDto } from './dto/compare-query.dto';
import { CompareDto } from './dto/compare.dto';
import { ErrorDto } from './dto/error.dto';
import { ApiJsonOrCsvOk } from './openapi-responses';
import { RunQueries } from './run-queries.service';

/** The side-by-side metrics table of several runs. */
@ApiTags('backtests')
@Controller('compare')
export class CompareController {
  constructor(private readonly queries: RunQueries) {}

  @Get()
  @CsvRoute(compareTable)
  @ApiOperation({ summary: 'Metrics of several runs side by side, in the order asked' })
  @ApiJsonOrCsvOk(CompareDto)
  @ApiBadRequestResponse({ type: ErrorDto })
  @ApiNotFoundResponse({ type: ErrorDto, description: 'one of the ids is unknown' })
  compare(@Query() query: CompareQueryDto): Promise<CompareDto> {
    return this.queries.compare(query.ids);
  }
}
