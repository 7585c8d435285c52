import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { renderPaperPage } from './paper-page';

/** `GET /ui/paper`: the page that lists the paper sessions and keeps itself up to date. */
@ApiTags('paper')
@Controller('ui')
export class PaperPageController {
  private readonly page = renderPaperPage();

  @Get('paper')
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('cache-control', 'no-cache')
  @ApiProduces('text/html')
  @ApiOperation({ summary: 'A self-contained page of the paper sessions: equity, positions, last and next tick; it refreshes itself' })
  @ApiOkResponse({ description: 'the page', content: { 'text/html': { schema: { type: 'string' } } } })
  paper(): string {
    return this.page;
  }
}
