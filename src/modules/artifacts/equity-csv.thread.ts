import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { packageRoot } from '../config/package-root';
import type { EquityCsvColumns } from './artifact-csv';

/** What the equity.csv thread is asked to do: write the rows of `columns` to the open file `fd`. */
export interface EquityCsvJob {
  fd: number;
  columns: EquityCsvColumns;
}

export type EquityCsvReply = { ok: true } | { ok: false; message: string };

/**
 * Rows from which a run's equity.csv is written on a thread of its own: a million rows are most
 * of a second of number formatting, which then runs beside the rest of the run's finishing (its
 * other files, its rows stored) on another core. A short run's file takes less than a thread's
 * start.
 */
export const EQUITY_CSV_THREAD_ROWS = 100_000;

/**
 * Writes equity.csv of `columns` to the open file descriptor `fd` on a new worker thread, which
 * ends with the write. The columns are copied for the thread (the caller keeps its own).
 */
export function writeEquityCsvOnThread(fd: number, columns: EquityCsvColumns, workerPath = equityCsvWorkerPath()): Promise<void> {
  const n = columns.equity.length;
  const copy = (c: Float64Array) => c.slice(0, n);
  const job: EquityCsvJob = {
    fd,
    columns: {
      time: copy(columns.time), equity: copy(columns.equity), cash: copy(columns.cash), position: copy(columns.position), close: copy(columns.close),
      ...(columns.interest && { interest: copy(columns.interest) }),
    },
  };
  const buffers = Object.values(job.columns).map((c) => (c as Float64Array).buffer as ArrayBuffer);
  return new Promise<void>((resolve, reject) => {
    const worker = new Worker(workerPath);
    let settled = false;
    const settle = (error: Error | null) => {
      if (settled) return;
      settled = true;
      void worker.terminate();
      if (error) reject(error);
      else resolve();
    };
    worker.on('message', (reply: EquityCsvReply) => settle(reply.ok ? null : new Error(`equity.csv: ${reply.message}`)));
    worker.on('error', (error) => settle(error));
    worker.on('exit', (code) => settle(new Error(`the thread writing equity.csv stopped (exit code ${code})`)));
    worker.postMessage(job, buffers);
  });
}

/**
 * `equity-csv.worker.js` beside this file. Node cannot start a `.ts` worker, so when this file
 * runs from sources (ts-jest) the compiled worker in dist/ is used.
 */
export function equityCsvWorkerPath(): string {
  if (__filename.endsWith('.ts')) return join(packageRoot(), 'dist', 'src', 'modules', 'artifacts', 'equity-csv.worker.js');
  return join(__dirname, 'equity-csv.worker.js');
}
