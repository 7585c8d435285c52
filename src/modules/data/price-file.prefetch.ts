import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { threadEntry } from '../config/package-root';
import { fileVersion } from './file-version';
import type { PriceFileOptions, ReadPriceFile } from './price-file.source';

/*
 * A price file read on a thread of its own while the application loads. `backtest --data
 * big.csv` spends about a third of a second reading and validating a million rows, and its
 * start-up (loading Nest, TypeORM and the modules, about half a second) leaves the second core
 * idle meanwhile. The thread reads the file with the same code as the main thread would
 * (readPriceFile), so the run gets the same columns and hash; the main thread's first read takes
 * the result when it is for the same file and options, or reads the file itself as before.
 */

interface Prefetch {
  /** The file (absolute) and the options it was read with. */
  key: string;
  /** The file's identity when it was asked for: a file changed since is read again. */
  version: string;
  worker: Worker;
  /** Settles when the thread has answered or ended; `read` is then set unless it could not read. */
  settled: Promise<void>;
  read: ReadPriceFile | null;
}

let pending: Prefetch | null = null;

/**
 * Starts reading `path` on a thread. Nothing is started for a file that does not exist (the
 * main thread reports it) or before the project is built (the thread's entry is compiled code).
 */
export function prefetchPriceFile(path: string, options: PriceFileOptions = {}): void {
  const file = resolve(path);
  const version = fileVersion(file);
  const entry = threadEntry('modules/data/price-file-prefetch.worker.js');
  if (version === null || !existsSync(entry)) return;
  const worker = new Worker(entry, { workerData: { path: file, options } });
  // It keeps the process alive only while someone waits for it (see priceFilePrefetched).
  worker.unref();
  const prefetch: Prefetch = { key: keyOf(file, options), version, worker, read: null, settled: Promise.resolve() };
  prefetch.settled = new Promise((settle) => {
    worker.once('message', (read: ReadPriceFile) => {
      prefetch.read = read;
      settle();
    });
    // A file it could not read (a bad row, say) is read again by the main thread, which reports it.
    worker.once('error', () => settle());
    worker.once('exit', () => settle());
  });
  pending = prefetch;
}

/** Resolves once the file asked for (if any) is read or its thread has ended. */
export async function priceFilePrefetched(): Promise<void> {
  if (!pending) return;
  pending.worker.ref();
  await pending.settled;
}

/**
 * The file read on the thread, if it was asked for with the same options and has not changed
 * since. The first read after the thread answered decides: a read of another file or with other
 * options lets the columns go rather than hold them for the rest of the command.
 */
export function takePrefetchedPriceFile(path: string, options: PriceFileOptions = {}): ReadPriceFile | null {
  const prefetch = pending;
  if (!prefetch?.read) return null;
  pending = null;
  const file = resolve(path);
  if (prefetch.key !== keyOf(file, options) || fileVersion(file) !== prefetch.version) return null;
  return prefetch.read;
}

function keyOf(file: string, options: PriceFileOptions): string {
  return JSON.stringify([file, options.symbol?.toUpperCase() ?? null, options.onBadRow ?? 'error']);
}
