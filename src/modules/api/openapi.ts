import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { packageVersion } from '../config/package-root';
import { StrategyConfigDto } from './dto/create-backtest.dto';
import { REQUEST_LIMITS } from './request-limits';

/** Serves the OpenAPI document at /docs (Swagger UI) and /docs-json. */
export function setupOpenApi(app: INestApplication): void {
  const config = new DocumentBuilder()
    .setTitle('TradingGroup API')
    .setDescription(
      'Backtests of trading strategies over REST: start runs (they execute in worker threads), read their status, ' +
        'metrics, equity, trades, agent trace and report, compare them. Mutating routes need `X-API-Key` when ' +
        'TRADINGGROUP_API_KEYS is set and are rate limited. Tabular routes answer CSV with `Accept: text/csv`. ' +
        `Request bodies are JSON of at most ${REQUEST_LIMITS.maxBodyBytes} bytes (else 413), nested at most ` +
        `${REQUEST_LIMITS.maxDepth} levels with at most ${REQUEST_LIMITS.maxArrayItems} items in any array (else 400 naming the field); ` +
        'the keys `__proto__`, `constructor` and `prototype` are refused (400) in bodies and queries.',
    )
    .setVersion(packageVersion())
    .addApiKey({ type: 'apiKey', name: 'X-API-Key', in: 'header' }, 'api-key')
    .build();
  SwaggerModule.setup('docs', app, () => SwaggerModule.createDocument(app, config, { extraModels: [StrategyConfigDto] }), {
    jsonDocumentUrl: 'docs-json',
  });
}
