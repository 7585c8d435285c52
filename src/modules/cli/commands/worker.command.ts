import { Command, CommandRunner, Option } from 'nest-commander';
import { CLI_COMMANDS, commandMeta } from '../command.catalogue';
import { InputError } from '../../backtests/input.error';

interface WorkerOptions {
  concurrency?: number;
}

/**
 * `tradinggroup worker`: the scale mode's other half. Takes the runs the API put on the queue
 * (TRADINGGROUP_QUEUE) and executes them, storing them in the shared database
 * (TRADINGGROUP_DB, Postgres); and measures the runs of the API's studies (sweeps, evaluations),
 * handing their results back to the API. Runs until stopped: SIGINT/SIGTERM hand its unfinished runs
 * back to the queue for another worker.
 */
@Command(commandMeta(CLI_COMMANDS.worker))
export class WorkerCommand extends CommandRunner {
  @Option({ flags: '--concurrency <n>', description: 'runs executed at once, each in a worker thread, and as many study jobs (default 1; start more workers to use more cores or machines)' })
  parseConcurrency(v: string): number {
    const n = Number(v);
    if (v.trim() === '' || !Number.isInteger(n) || n < 1 || n > 64) throw new InputError(`--concurrency: expected an integer in 1..64, got "${v}"`, '--concurrency');
    return n;
  }

  async run(_params: string[], options: WorkerOptions): Promise<void> {
    // The queue's code (bullmq, ioredis) is loaded only by the commands of the scale mode.
    const { assertQueueDatabase, queuePrefixFrom, queueUrlFrom, redactedUrl, QUEUE_VARIABLE, RUN_QUEUE } = await import('../../queue/queue-config');
    const { STUDY_QUEUE } = await import('../../queue/study-batch-job');
    const { loadAppConfig } = await import('../../config/app-config');
    const queueUrl = queueUrlFrom();
    if (queueUrl === null) throw new InputError(`${QUEUE_VARIABLE} is not set: a worker takes runs from a queue (e.g. ${QUEUE_VARIABLE}=redis://127.0.0.1:6379)`, QUEUE_VARIABLE);
    assertQueueDatabase(loadAppConfig().db);
    queuePrefixFrom();
    const concurrency = options.concurrency ?? 1;
    const { assertQueueReachable } = await import('../../queue/queue-readiness');
    await assertQueueReachable(queueUrl);
    const { NestFactory } = await import('@nestjs/core');
    const { WorkerModule } = await import('../../queue/worker.module');
    const app = await NestFactory.createApplicationContext(WorkerModule.forQueue(queueUrl, concurrency), { logger: ['error', 'warn'], abortOnError: false });
    process.stdout.write(`tradinggroup worker ${process.pid} taking runs from ${redactedUrl(queueUrl)} (queue ${queuePrefixFrom()}:${RUN_QUEUE}, ${concurrency} at a time; study jobs from ${queuePrefixFrom()}:${STUDY_QUEUE})\n`);
    await new Promise<void>((resolve) => {
      const stop = (signal: NodeJS.Signals) => {
        process.stdout.write(`tradinggroup worker ${process.pid} stopping (${signal}): unfinished runs go back to the queue\n`);
        app.close().then(resolve, resolve);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
  }
}
