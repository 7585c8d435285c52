import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataService } from '../data/data.service';
import { DatasetDto } from './dto/catalog.dto';

/** The imported price datasets. */
@ApiTags('catalog')
@Controller('datasets')
export class DatasetsController {
  constructor(private readonly data: DataService) {}

  @Get()
  @ApiOperation({ summary: 'Imported datasets: symbol, date range, rows, source file and licence' })
  @ApiOkResponse({ type: [DatasetDto] })
  list(): DatasetDto[] {
    return this.data.list().map((d) => ({
      symbol: d.symbol,
      firstDate: d.firstDate,
      lastDate: d.lastDate,
      rows: d.rows,
      source: d.source,
      layout: d.layout,
      hasAdjClose: d.hasAdjClose,
      licence: d.licence,
      sha256: d.sha256,
      importedAt: d.importedAt,
    }));
  }
}
