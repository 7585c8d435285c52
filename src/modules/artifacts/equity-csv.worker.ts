import { parentPort } from 'node:worker_threads';
import { writeAllSync } from './artifact-content';
import { equityCsvBlocks } from './artifact-csv';
import type { EquityCsvPart, EquityCsvReply } from './equity-csv.thread';

/*
 * The thread that writes a long run's equity.csv (see equity-csv.thread.ts): it is sent the
 * columns a part of the rows at a time, writes each part's rows to the open file descriptor it
 * is given (the header before the first), and answers each part once it is written.
 */
parentPort!.on('message', (part: EquityCsvPart) => {
  let reply: EquityCsvReply;
  try {
    for (const block of equityCsvBlocks(part.columns, part.first)) writeAllSync(part.fd, block);
    reply = { ok: true };
  } catch (error) {
    reply = { ok: false, message: (error as Error).message };
  }
  parentPort!.postMessage(reply);
});
