import type { BarSeries } from '../../core/market/bar-series';
import type { PriceRow } from './price-row';
import { float64Column } from '../../core/market/float-column';

/**
 * One symbol's validated raw rows as columns, ascending: what a price file holds without an
 * object per row (a million-bar file is 48 MB of prices, not a million objects beside them).
 * `adjClose` is null when the file has no adjusted close (every row's is NaN), and
 * `splitCoefficient` null when it has no split column (every row's is 1).
 */
export interface PriceColumns extends Pick<BarSeries, 'length' | 'time' | 'open' | 'high' | 'low' | 'close' | 'volume'> {
  readonly adjClose: Float64Array | null;
  readonly splitCoefficient: Float64Array | null;
}

/** Row `i` of the columns as the object a price file's row is (see {@link PriceRow}). */
export function priceRowAt(columns: PriceColumns, i: number): PriceRow {
  return {
    time: columns.time[i],
    open: columns.open[i],
    high: columns.high[i],
    low: columns.low[i],
    close: columns.close[i],
    adjClose: columns.adjClose === null ? NaN : columns.adjClose[i],
    volume: columns.volume[i],
    splitCoefficient: columns.splitCoefficient === null ? 1 : columns.splitCoefficient[i],
  };
}

/** Every row of the columns as objects, for the few readers that want rows of a small file. */
export function priceRowsOf(columns: PriceColumns): PriceRow[] {
  const rows = new Array<PriceRow>(columns.length);
  for (let i = 0; i < columns.length; i++) rows[i] = priceRowAt(columns, i);
  return rows;
}

/** Columns built from rows (tests and small tables); `adjClose`/`splitCoefficient` say which optional columns exist. */
export function priceColumnsOf(rows: readonly PriceRow[], withAdjClose: boolean, withSplitCoefficient: boolean): PriceColumns {
  const b = new PriceColumnsBuilder(withAdjClose, withSplitCoefficient, rows.length);
  for (const r of rows) b.push(r.time, r.open, r.high, r.low, r.close, r.volume, r.adjClose, r.splitCoefficient);
  return b.finish([], false);
}

const COLUMNS = ['time', 'open', 'high', 'low', 'close', 'volume', 'adjClose', 'splitCoefficient'] as const;
type ColumnName = (typeof COLUMNS)[number];

/**
 * Appends rows into growing typed arrays. Rows may be dropped after they were pushed (a value
 * found missing only once the whole file is read), and a newest-first file is reversed when
 * finished; both happen in place.
 */
export class PriceColumnsBuilder {
  private readonly arrays: Record<ColumnName, Float64Array | null>;
  private capacity: number;
  length = 0;

  constructor(
    withAdjClose: boolean,
    withSplitCoefficient: boolean,
    expectedRows = 1024,
  ) {
    this.capacity = Math.max(16, expectedRows);
    const make = () => float64Column(this.capacity);
    this.arrays = {
      time: make(), open: make(), high: make(), low: make(), close: make(), volume: make(),
      adjClose: withAdjClose ? make() : null,
      splitCoefficient: withSplitCoefficient ? make() : null,
    };
  }

  /** Appends a row read into an object: its values are read here, not passed one by one (each would be boxed). */
  pushRow(row: PriceRow): void {
    this.push(row.time, row.open, row.high, row.low, row.close, row.volume, row.adjClose, row.splitCoefficient);
  }

  push(time: number, open: number, high: number, low: number, close: number, volume: number, adjClose: number, splitCoefficient: number): void {
    if (this.length === this.capacity) this.grow();
    const i = this.length++;
    const a = this.arrays;
    a.time![i] = time;
    a.open![i] = open;
    a.high![i] = high;
    a.low![i] = low;
    a.close![i] = close;
    a.volume![i] = volume;
    if (a.adjClose !== null) a.adjClose[i] = adjClose;
    if (a.splitCoefficient !== null) a.splitCoefficient[i] = splitCoefficient;
  }

  /**
   * The columns without the rows at `dropped` (ascending indexes in push order), reversed when
   * `reverse`; an optional column the file left empty in every row is given as absent
   * (`keepAdjClose`, `keepSplitCoefficient` false). The arrays are cut to their length only when
   * they hold much more room than rows, so a well-sized builder hands its memory over uncopied.
   */
  finish(dropped: readonly number[], reverse: boolean, keepAdjClose = true, keepSplitCoefficient = true): PriceColumns {
    const a = this.arrays;
    let n = this.length;
    if (dropped.length > 0) {
      let kept = 0;
      let next = 0;
      for (let i = 0; i < n; i++) {
        if (next < dropped.length && dropped[next] === i) {
          next++;
          continue;
        }
        if (kept !== i) {
          for (const name of COLUMNS) {
            const col = a[name];
            if (col !== null) col[kept] = col[i];
          }
        }
        kept++;
      }
      n = kept;
    }
    const cut = (col: Float64Array | null): Float64Array | null => {
      if (col === null) return null;
      if (reverse) col.subarray(0, n).reverse();
      return col.length > n + (n >> 3) + 16 ? col.slice(0, n) : col.subarray(0, n);
    };
    return {
      length: n,
      time: cut(a.time)!, open: cut(a.open)!, high: cut(a.high)!, low: cut(a.low)!, close: cut(a.close)!, volume: cut(a.volume)!,
      adjClose: keepAdjClose ? cut(a.adjClose) : null,
      splitCoefficient: keepSplitCoefficient ? cut(a.splitCoefficient) : null,
    };
  }

  private grow(): void {
    this.capacity *= 2;
    for (const name of COLUMNS) {
      const col = this.arrays[name];
      if (col === null) continue;
      const bigger = float64Column(this.capacity);
      bigger.set(col);
      this.arrays[name] = bigger;
    }
  }
}
