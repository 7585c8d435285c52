import { writeSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';

/**
 * A file made a block at a time while it is written, so that a long run's equity.csv (80 MB for
 * a million bars) is never whole in memory. Each block may be the same buffer refilled: it is
 * only valid until the next one is taken.
 */
export interface ChunkedContent {
  chunks(): Iterable<Uint8Array>;
  /**
   * Writes the same bytes to an open file descriptor off this thread, when the content knows
   * how (a long run's equity.csv): {@link writeContent} then leaves this thread free meanwhile.
   */
  writeTo?(fd: number): Promise<void>;
}

/**
 * What an artifact file holds: text (written as UTF-8), bytes (a Buffer, or the Uint8Array a
 * Buffer becomes when it is handed from one thread to another), or bytes made as they are written.
 */
export type ArtifactContent = string | Uint8Array | ChunkedContent;

export function isChunked(content: ArtifactContent): content is ChunkedContent {
  return typeof content === 'object' && !(content instanceof Uint8Array);
}

/**
 * A text made as pieces (text, or bytes already UTF-8) while it is written, as UTF-8 one piece at
 * a time: a long run's report is never whole in memory, neither joined into one string (which
 * would be two bytes a character once any piece has a non-Latin-1 character) nor encoded whole.
 * `pieces` makes them anew each time the content is read; a piece of bytes may be valid only
 * until the next is taken.
 */
export function textContent(pieces: () => Iterable<string | Uint8Array>): ChunkedContent {
  return {
    *chunks() {
      for (const piece of pieces()) if (piece.length > 0) yield typeof piece === 'string' ? Buffer.from(piece, 'utf8') : piece;
    },
  };
}

/** The content in one piece, for a thread that hands files over to another instead of writing them. */
export function wholeContent(content: ArtifactContent): string | Uint8Array {
  if (!isChunked(content)) return content;
  const blocks: Buffer[] = [];
  for (const chunk of content.chunks()) blocks.push(Buffer.from(chunk));
  return Buffer.concat(blocks);
}

/** Writes the content to an open file, a block at a time when it is chunked. */
export async function writeContent(handle: FileHandle, content: ArtifactContent): Promise<void> {
  if (!isChunked(content)) return handle.writeFile(content);
  if (content.writeTo) return content.writeTo(handle.fd);
  for (const chunk of content.chunks()) {
    for (let done = 0; done < chunk.length; ) done += (await handle.write(chunk, done, chunk.length - done)).bytesWritten;
  }
}

/** Writes the content to an open file descriptor, synchronously. */
export function writeContentSync(fd: number, content: ArtifactContent): void {
  if (!isChunked(content)) {
    writeAllSync(fd, typeof content === 'string' ? Buffer.from(content, 'utf8') : content);
    return;
  }
  for (const chunk of content.chunks()) writeAllSync(fd, chunk);
}

/** Writes all the bytes to an open file descriptor, synchronously. */
export function writeAllSync(fd: number, bytes: Uint8Array): void {
  for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done, bytes.length - done);
}
