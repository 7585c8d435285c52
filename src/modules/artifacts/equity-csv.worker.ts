import { parentPort } from 'node:worker_threads';
import { writeAllSync } from './artifact-content';
import { equityCsvBlocks } from './artifact-csv';
import type { EquityCsvJob, EquityCsvReply } from './equity-csv.thread';

/*
 * The thread that writes a long run's equity.csv (see equity-csv.thread.ts): it makes the
 * blocks from the columns it is given and writes them to the open file descriptor it is given.
 */
parentPort!.on('message', (job: EquityCsvJob) => {
  let reply: EquityCsvReply;
  try {
    for (const block of equityCsvBlocks(job.columns)) writeAllSync(job.fd, block);
    reply = { ok: true };
  } catch (error) {
    reply = { ok: false, message: (error as Error).message };
  }
  parentPort!.postMessage(reply);
});
