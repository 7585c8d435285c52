import { Worker } from 'node:worker_threads';
import { isShared } from '../../core/market/float-column';
import { threadEntry } from '../config/package-root';
import type { EquityCsvColumns } from './artifact-csv';

/**
 * A part of the rows for the equity.csv thread to write to the open file `fd` (the header first
 * when `first`). With `blockRows` (on every part), the thread also makes the run's stored equity
 * block of that many rows (see EquityBlockEncoder) and answers the `last` part with its pieces.
 */
export interface EquityCsvPart {
  fd: number;
  first: boolean;
  last: boolean;
  blockRows?: number;
  columns: EquityCsvColumns;
}

export type EquityCsvReply = { ok: true; block?: Uint8Array[] } | { ok: false; message: string };

/**
 * Rows from which a run's equity.csv is written on a thread of its own: a million rows are most
 * of a second of number formatting, which then runs beside the rest of the run's finishing (its
 * other files, its rows stored) on another core. A short run's file takes less than a thread's
 * start.
 */
export const EQUITY_CSV_THREAD_ROWS = 100_000;

/** Rows handed to the thread at a time: a copy of a part (6 MB), not of every column, is in flight. */
export const EQUITY_CSV_PART_ROWS = 131_072;
/**
 * Parts sent ahead of the one being written, so that the thread never waits for the next: with
 * the one being written, 655,360 rows (about 0.4 s of the thread's work on a 2-core VM), longer
 * than the calling thread is busy between two turns of its event loop while it makes a long
 * run's result hash and report (see prepareRunOutputsWithTurns).
 */
const PARTS_AHEAD = 4;

/**
 * Writes equity.csv of `columns` to the open file descriptor `fd` on a new worker thread, which
 * ends with the write. Columns in shared memory (a long run's, see float64Column) are handed
 * over as they are, every part at once: the thread reads them where they lie and needs no turn
 * of this thread's event loop. Others are copied to the thread a part at a time (the caller
 * keeps its own), so the copies in flight stay a few megabytes whatever the run's length. Given
 * `storedBlock`, the thread makes the run's stored equity block from the same parts too: it is
 * handed the promise of it at once (the store awaits it instead of making it on this thread).
 */
export function writeEquityCsvOnThread(
  fd: number,
  columns: EquityCsvColumns,
  options: { workerPath?: string; storedBlock?: (block: Promise<Buffer[]>) => void } = {},
): Promise<void> {
  const n = columns.equity.length;
  const { time, equity, cash, position, close, interest } = columns;
  const shared = [time, equity, cash, position, close, interest ?? equity].every(isShared);
  const parts = Math.max(1, Math.ceil(n / EQUITY_CSV_PART_ROWS));
  // Shared parts cost no memory in flight: every one is sent at once.
  const ahead = shared ? parts : PARTS_AHEAD;
  let giveBlock: (block: Buffer[]) => void = () => undefined;
  let failBlock: (error: Error) => void = () => undefined;
  if (options.storedBlock) {
    const block = new Promise<Buffer[]>((resolve, reject) => {
      giveBlock = resolve;
      failBlock = reject;
    });
    // A run that fails before its store awaits the block leaves no unhandled rejection.
    block.catch(() => undefined);
    options.storedBlock(block);
  }
  return new Promise<void>((resolve, reject) => {
    const worker = new Worker(options.workerPath ?? equityCsvWorkerPath());
    let settled = false;
    let sent = 0;
    let written = 0;
    const settle = (error: Error | null) => {
      if (settled) return;
      settled = true;
      void worker.terminate();
      if (error) {
        failBlock(error);
        reject(error);
      } else resolve();
    };
    const send = () => {
      const from = sent * EQUITY_CSV_PART_ROWS;
      const to = Math.min(n, from + EQUITY_CSV_PART_ROWS);
      const copy = (c: Float64Array) => (shared ? c.subarray(from, to) : c.slice(from, to));
      const part: EquityCsvPart = {
        fd,
        first: sent === 0,
        last: sent === parts - 1,
        ...(options.storedBlock && { blockRows: n }),
        columns: {
          time: copy(columns.time), equity: copy(columns.equity), cash: copy(columns.cash), position: copy(columns.position), close: copy(columns.close),
          ...(columns.interest && { interest: copy(columns.interest) }),
        },
      };
      worker.postMessage(part, shared ? [] : Object.values(part.columns).map((c) => (c as Float64Array).buffer as ArrayBuffer));
      sent++;
    };
    worker.on('message', (reply: EquityCsvReply) => {
      if (!reply.ok) return settle(new Error(`equity.csv: ${reply.message}`));
      if (reply.block) giveBlock(reply.block.map((piece) => Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength)));
      if (++written === parts) return settle(null);
      if (sent < parts) send();
    });
    worker.on('error', (error) => settle(error));
    worker.on('exit', (code) => settle(new Error(`the thread writing equity.csv stopped (exit code ${code})`)));
    while (sent < Math.min(parts, 1 + ahead)) send();
  });
}

/** The compiled entry of the thread (see threadEntry). */
export function equityCsvWorkerPath(): string {
  return threadEntry('modules/artifacts/equity-csv.worker.js');
}
