// First: it notes the threads the process started with (see startup-threads.ts).
import { lowerStartupThreadsPriority } from './modules/config/startup-threads';
import 'reflect-metadata';
import { mapLargeAllocationsApart } from './modules/config/large-allocations';
import { ApiServerOptions, startApiServer } from './modules/api/api-server';

/**
 * Starts the HTTP API (`npm start`, `tradinggroup serve`) on host:port, by default HOST and
 * PORT from the environment, else 127.0.0.1:3000. Without TRADINGGROUP_API_KEYS it refuses a
 * host beyond loopback. It logs JSON lines on stdout (where it listens, then every request).
 */
export async function bootstrap(options: ApiServerOptions = {}): Promise<string> {
  const { url } = await startApiServer(options);
  return url;
}

if (require.main === module) {
  lowerStartupThreadsPriority();
  mapLargeAllocationsApart();
  bootstrap().catch((error) => {
    process.stderr.write(`error: ${(error as Error).message}\n`);
    process.exit(1);
  });
}
