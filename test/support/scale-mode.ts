import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { redisConnectionOf, RUN_QUEUE } from '../../src/modules/queue/queue-config';
import { STUDY_QUEUE } from '../../src/modules/queue/study-batch-job';
import { runCli } from './cli-runner';
import { createPostgresDatabase } from './databases';
import { LiveProcess, startCli } from './live-process';
import { TEST_REDIS_URL } from './services';

/**
 * The scale mode of one suite, with real processes: a fresh Postgres database, queues of the
 * suite's own on the test Redis server (their own key prefix), the sample data in a temporary
 * directory, and the `tradinggroup serve` and `worker` processes the suite starts (all killed
 * by `close`).
 */
export interface ScaleMode {
  dir: string;
  /** The environment of every process of the suite (TRADINGGROUP_DB, _QUEUE, _QUEUE_PREFIX, …). */
  env: Record<string, string>;
  /** Starts `tradinggroup <args>` in the background with the suite's environment and `extra` over it. */
  start(args: string[], extra?: Record<string, string>): LiveProcess;
  /** Starts a worker and waits until it takes jobs. */
  startWorker(extra?: Record<string, string>): Promise<LiveProcess>;
  /** Starts the API on a free port and waits until it queues; resolves with its URL. */
  startServe(): Promise<string>;
  /** Kills every process started, removes the suite's queues from Redis, drops the database and removes the directory. */
  close(): Promise<void>;
}

export async function setUpScaleMode(dirPrefix: string): Promise<ScaleMode> {
  const dir = mkdtempSync(join(tmpdir(), dirPrefix));
  const database = await createPostgresDatabase();
  const env = {
    TRADINGGROUP_DB: database.url,
    TRADINGGROUP_QUEUE: TEST_REDIS_URL,
    TRADINGGROUP_QUEUE_PREFIX: `tg-test-${process.pid}-${Date.now().toString(36)}`,
    TRADINGGROUP_DATA_DIR: join(dir, 'data'),
    TRADINGGROUP_BACKTESTS_DIR: join(dir, 'backtests'),
    TRADINGGROUP_API_KEYS: '',
  };
  const setup = runCli(['data', 'setup'], dir, env);
  if (setup.status !== 0) throw new Error(`data setup failed (${setup.status}): ${setup.stderr}`);
  const processes: LiveProcess[] = [];
  const start = (args: string[], extra: Record<string, string> = {}) => {
    const live = startCli(args, dir, { ...env, ...extra });
    processes.push(live);
    return live;
  };
  return {
    dir,
    env,
    start,
    async startWorker(extra = {}) {
      const worker = start(['worker'], extra);
      await worker.waitFor(/taking runs from/);
      return worker;
    },
    async startServe() {
      const serve = start(['serve', '--port', '0']);
      const url = (await serve.waitFor(/listening on (http:\/\/\S+)/))[1];
      await serve.waitFor(/runs go on the queue at/);
      return url;
    },
    async close() {
      for (const p of processes) p.child.kill('SIGKILL');
      await Promise.all(processes.map((p) => p.exited));
      for (const name of [RUN_QUEUE, STUDY_QUEUE]) {
        const queue = new Queue(name, { connection: redisConnectionOf(TEST_REDIS_URL), prefix: env.TRADINGGROUP_QUEUE_PREFIX });
        await queue.obliterate({ force: true }).catch(() => undefined);
        await queue.close();
      }
      await database.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
