import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { ApiModule } from './modules/api/api.module';

/** Starts the HTTP API on HOST:PORT (default 127.0.0.1:3000). */
export async function bootstrap(): Promise<void> {
  const host = process.env.HOST ?? '127.0.0.1';
  const port = Number(process.env.PORT ?? 3000);
  const app = await NestFactory.create(ApiModule, { logger: ['error', 'warn', 'log'] });
  app.enableShutdownHooks();
  await app.listen(port, host);
  // eslint-disable-next-line no-console
  console.log(`tradinggroup API listening on http://${host}:${port}`);
}

if (require.main === module) {
  bootstrap().catch((error) => {
    process.stderr.write(`error: ${(error as Error).message}\n`);
    process.exit(1);
  });
}
