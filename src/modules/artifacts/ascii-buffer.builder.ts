/**
 * Builds a large ASCII text (a CSV of a million rows) straight into one Buffer: lines are
 * gathered in a short string and copied in blocks, so neither a string per line nor the whole
 * text as a string is ever held. Sized from a guess, grown by half when the guess was short;
 * the result is a view of the filled part.
 */
export class AsciiBufferBuilder {
  private buffer: Buffer;
  private used = 0;
  private pending = '';

  constructor(expectedBytes: number) {
    this.buffer = Buffer.allocUnsafe(Math.max(4096, Math.ceil(expectedBytes)));
  }

  /** Appends text made of ASCII characters only (each one byte). */
  append(text: string): void {
    this.pending += text;
    if (this.pending.length >= BLOCK_CHARS) this.flush();
  }

  /** The text appended so far. */
  finish(): Buffer {
    this.flush();
    return this.buffer.subarray(0, this.used);
  }

  private flush(): void {
    const n = this.pending.length;
    if (n === 0) return;
    if (this.used + n > this.buffer.length) {
      const bigger = Buffer.allocUnsafe(Math.max(this.used + n, Math.ceil(this.buffer.length * 1.5)));
      this.buffer.copy(bigger, 0, 0, this.used);
      this.buffer = bigger;
    }
    this.used += this.buffer.write(this.pending, this.used, 'latin1');
    this.pending = '';
  }
}

const BLOCK_CHARS = 1 << 16;
