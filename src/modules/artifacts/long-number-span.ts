import { writtenFromDigits } from './number-ascii';

/**
 * The text of a span of a column's numbers with 16 or 17 significant digits (a run's equity,
 * its cash earning interest, the interest), made by one `JSON.stringify` of a reused array
 * instead of a `String` per number: it writes the same text for every finite number and costs
 * less a number, as no string per number is made. The caller takes the texts in order.
 */
export class LongNumberSpan {
  private readonly values: number[] = [];
  private text = Buffer.alloc(0);
  private starts = new Int32Array(0);
  private ends = new Int32Array(0);
  private next = 0;

  /**
   * Makes the texts of `values` pushed with {@link add} since the last render when most of them
   * are long numbers; false (nothing made) when they are not worth it.
   */
  render(): boolean {
    const { values } = this;
    this.next = 0;
    let long = 0;
    // Long: what writeNumberAscii would write from String (a large equity with a few decimals is one too).
    for (let k = 0; k < values.length; k++) if (!writtenFromDigits(values[k])) long++;
    if (long * 2 < values.length) {
      values.length = 0;
      return false;
    }
    const json = JSON.stringify(values);
    if (this.text.length < json.length) this.text = Buffer.allocUnsafe(2 * json.length);
    if (this.starts.length < values.length) {
      this.starts = new Int32Array(2 * values.length);
      this.ends = new Int32Array(2 * values.length);
    }
    const { text, starts, ends } = this;
    const length = text.write(json, 0, 'latin1');
    // "[a,b,c]": each number ends at the next comma or the closing bracket.
    let at = 1;
    for (let k = 0; k < values.length; k++) {
      starts[k] = at;
      while (at < length - 1 && text[at] !== 44) at++;
      ends[k] = at++;
    }
    values.length = 0;
    return true;
  }

  add(value: number): void {
    this.values.push(value);
  }

  /** Copies the next number's text to `out` at `at`; returns the offset after it. */
  take(out: Uint8Array, at: number): number {
    const k = this.next++;
    const { text } = this;
    for (let i = this.starts[k], end = this.ends[k]; i < end; i++) out[at++] = text[i];
    return at;
  }

  /** Passes over the next number (one the caller writes otherwise). */
  skip(): void {
    this.next++;
  }
}
