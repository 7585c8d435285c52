import { parentPort, workerData } from 'node:worker_threads';
import { isShared } from '../../core/market/float-column';
import { PriceFileOptions, readPriceFile } from './price-file.source';

/*
 * Thread entry of prefetchPriceFile: reads one price file and hands its columns over (moved, or
 * seen as they are when they are in shared memory; never copied). A file that cannot be read
 * sends nothing: the main thread reads it again and reports why.
 */

const { path, options } = workerData as { path: string; options: PriceFileOptions };
const read = readPriceFile(path, options);
const buffers = new Set<ArrayBuffer>();
for (const columns of read.parsed.symbols.values()) {
  for (const column of [columns.time, columns.open, columns.high, columns.low, columns.close, columns.volume, columns.adjClose, columns.splitCoefficient]) {
    if (column && !isShared(column)) buffers.add(column.buffer as ArrayBuffer);
  }
}
parentPort!.postMessage(read, [...buffers]);
