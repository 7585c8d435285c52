import { Command, CommandRunner, Option } from 'nest-commander';
import { CLI_COMMANDS, commandMeta } from '../command.catalogue';
import { InputError } from '../../backtests/input.error';
import { lowerStartupThreadsPriority } from '../../config/startup-threads';

interface ServeOptions {
  port?: number;
  host?: string;
}

/**
 * `tradinggroup serve`: starts the HTTP API, the same application as `npm start`, and keeps
 * running until the process is stopped (SIGINT/SIGTERM close it cleanly).
 */
@Command(commandMeta(CLI_COMMANDS.serve))
export class ServeCommand extends CommandRunner {
  @Option({ flags: '--port <n>', description: 'port to listen on (default: PORT, else 3000; 0 = any free port)' })
  parsePort(v: string): number {
    const n = Number(v);
    if (v.trim() === '' || !Number.isInteger(n) || n < 0 || n > 65535) throw new InputError(`--port: expected an integer in 0..65535, got "${v}"`, '--port');
    return n;
  }

  @Option({ flags: '--host <host>', description: 'address to listen on (default: HOST, else 127.0.0.1; beyond loopback only with TRADINGGROUP_API_KEYS)' })
  parseHost(v: string): string {
    return v;
  }

  async run(_params: string[], options: ServeOptions): Promise<void> {
    // Requests first: V8's compiler and garbage-collector threads give way to the serving thread.
    lowerStartupThreadsPriority();
    // The HTTP stack (express, swagger, validation) is loaded only by the command that serves.
    const { startApiServer } = await import('../../api/api-server');
    // It logs where it listens, then every request, as JSON lines on stdout (LOG_LEVEL).
    const { app } = await startApiServer({ port: options.port, host: options.host });
    await new Promise<void>((resolve) => app.getHttpServer().once('close', () => resolve()));
  }
}
