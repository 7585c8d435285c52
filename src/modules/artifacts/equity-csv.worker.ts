import { parentPort } from 'node:worker_threads';
import { EquityBlockEncoder } from '../persistence/run-series.codec';
import { writeAllSync } from './artifact-content';
import { EQUITY_BLOCK_BYTES, equityCsvBlocks } from './artifact-csv';
import type { EquityCsvPart, EquityCsvReply } from './equity-csv.thread';

/*
 * The thread that writes a long run's equity.csv (see equity-csv.thread.ts): it is sent the
 * columns a part of the rows at a time, writes each part's rows to the open file descriptor it
 * is given (the header before the first), and answers each part once it is written. Asked for
 * the run's stored equity block, it adds each part's rows to it too and answers the last part
 * with the block's pieces. The parts are handled one after another, in the order they come.
 */
let encoder: EquityBlockEncoder | null = null;
let handled: Promise<void> = Promise.resolve();
/**
 * The block every part's rows are written into (a new one per part would leave the thread's
 * garbage, a megabyte a part, to be collected only once there is a lot of it).
 */
let csvBlock: Buffer | null = null;

parentPort!.on('message', (part: EquityCsvPart) => {
  handled = handled.then(() => handle(part));
});

async function handle(part: EquityCsvPart): Promise<void> {
  let reply: EquityCsvReply;
  try {
    csvBlock ??= Buffer.allocUnsafe(EQUITY_BLOCK_BYTES);
    for (const block of equityCsvBlocks(part.columns, part.first, csvBlock)) writeAllSync(part.fd, block);
    let block: Buffer[] | undefined;
    if (part.blockRows !== undefined) {
      encoder ??= new EquityBlockEncoder(part.blockRows);
      await encoder.add(part.columns);
      if (part.last) block = await encoder.finish();
    }
    reply = { ok: true, ...(block && { block: block.map(ownMemory) }) };
  } catch (error) {
    reply = { ok: false, message: (error as Error).message };
  }
  parentPort!.postMessage(reply, reply.ok && reply.block ? reply.block.map((piece) => piece.buffer as ArrayBuffer) : []);
}

/**
 * A piece of the block as a view of memory of its own, to be handed over: the piece itself when
 * it fills its buffer (a long run's, a megabyte: not copied again), else a copy, never a pool a
 * small Buffer may share.
 */
function ownMemory(piece: Buffer): Uint8Array {
  const whole = piece.byteOffset === 0 && piece.byteLength === piece.buffer.byteLength;
  return whole ? new Uint8Array(piece.buffer, 0, piece.byteLength) : new Uint8Array(piece);
}
