import { Queue, RedisOptions } from 'bullmq';
import { QUEUE_VARIABLE, redactedUrl, redisConnectionOf } from './queue-config';

/**
 * A process of the scale mode starts only once the queue's Redis server answers; otherwise it
 * stops with the reason. The probe gives up at the first failure (the clients of the
 * application itself keep retrying for ever, which would leave a process waiting in silence).
 */
export async function assertQueueReachable(queueUrl: string): Promise<void> {
  const connection: RedisOptions = { ...(redisConnectionOf(queueUrl) as RedisOptions), retryStrategy: () => null, maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 5_000 };
  const probe = new Queue('probe', { connection });
  probe.on('error', () => undefined);
  try {
    await probe.waitUntilReady();
  } catch (e) {
    throw new Error(`${QUEUE_VARIABLE}: the queue's Redis server at ${redactedUrl(queueUrl)} does not answer: ${(e as Error).message}`);
  } finally {
    await probe.close().catch(() => undefined);
  }
}
