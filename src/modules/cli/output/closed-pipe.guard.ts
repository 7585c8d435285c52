/**
 * A reader that stops early (`tradinggroup runs list | head -3`) closes the pipe, and the next
 * write fails with EPIPE. What nobody reads any more is dropped: the command finishes as it
 * would have (a run is already stored by then) and exits with its own code, without a trace.
 */
export function dropOutputAfterClosedPipe(stream: NodeJS.WriteStream): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') throw error;
    stream.write = discardingWrite as typeof stream.write;
  });
}

function discardingWrite(_chunk: unknown, encodingOrDone?: unknown, done?: unknown): boolean {
  const callback = typeof encodingOrDone === 'function' ? encodingOrDone : done;
  if (typeof callback === 'function') process.nextTick(callback as () => void);
  return true;
}
