import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, OnModuleInit } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { RUN_QUEUE } from './queue-config';

/** How long a starting process waits for the queue's Redis server before it gives up. */
const READY_WITHIN_MS = 10_000;

/**
 * A process of the scale mode starts only once the queue's Redis server answers; otherwise it
 * stops with the reason (Redis clients would otherwise retry in silence for ever).
 */
@Injectable()
export class QueueReadiness implements OnModuleInit {
  constructor(@InjectQueue(RUN_QUEUE) private readonly queue: Queue) {}

  async onModuleInit(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`the queue's Redis server did not answer within ${READY_WITHIN_MS / 1000} s (TRADINGGROUP_QUEUE)`)), READY_WITHIN_MS);
    });
    try {
      await Promise.race([this.queue.waitUntilReady(), late]);
    } finally {
      clearTimeout(timer);
    }
  }
}
