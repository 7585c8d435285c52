import { BarSeries } from './bar-series';

/**
 * Values derived from a loaded series alone (indicators, session closes), worked out once per
 * series and shared by every run on it: a comparison, an ablation or repeated API runs on one
 * loaded file each read the same indicator arrays rather than computing their own.
 *
 * A memo belongs to the series' bars as they were when it was made. The series' arrays cannot be
 * frozen, so `seriesMemo` compares them with a copy each time it is asked (a pass over the bars,
 * far cheaper than the indicators): a series changed in place, or another series in the same
 * memory, gets a fresh memo. Values handed out are shared: callers must not write to them.
 */
export class SeriesMemo {
  private readonly values = new Map<string, unknown>();

  /** @internal Made by {@link seriesMemo}. */
  constructor(
    /** The bars the values were derived from, copied: time, open, high, low, close, volume, trading day. */
    readonly snapshot: Float64Array,
  ) {}

  /** The value under `key`, derived once; the key must name everything `derive` depends on besides the bars. */
  get<T>(key: string, derive: () => T): T {
    if (this.values.has(key)) return this.values.get(key) as T;
    const value = derive();
    this.values.set(key, value);
    return value;
  }
}

/** Memos kept per series buffer (views of one buffer, e.g. one symbol's bars sliced two ways). */
const PER_BUFFER = 4;
const MEMOS = new WeakMap<ArrayBufferLike, SeriesMemo[]>();

/** The memo of `bars` as they are now. */
export function seriesMemo(bars: BarSeries): SeriesMemo {
  let known = MEMOS.get(bars.close.buffer);
  const found = known?.find((m) => sameBars(m.snapshot, bars));
  if (found) return found;
  const memo = new SeriesMemo(snapshotOf(bars));
  if (!known) MEMOS.set(bars.close.buffer, (known = []));
  if (known.length === PER_BUFFER) known.shift();
  known.push(memo);
  return memo;
}

function columnsOf(bars: BarSeries): ArrayLike<number>[] {
  return [bars.time, bars.open, bars.high, bars.low, bars.close, bars.volume, bars.tradingDay];
}

function snapshotOf(bars: BarSeries): Float64Array {
  const n = bars.length;
  const out = new Float64Array(7 * n);
  columnsOf(bars).forEach((column, c) => out.set(column, c * n));
  return out;
}

function sameBars(snapshot: Float64Array, bars: BarSeries): boolean {
  const n = bars.length;
  if (snapshot.length !== 7 * n) return false;
  const columns = columnsOf(bars);
  for (let c = 0; c < columns.length; c++) if (!sameValues(snapshot, c * n, columns[c], n)) return false;
  return true;
}

/** Whether a[from + i] is b[i] for i < n, NaN matching NaN and −0 not matching 0 (as `Object.is`). */
function sameValues(a: Float64Array, from: number, b: ArrayLike<number>, n: number): boolean {
  for (let i = 0; i < n; i++) {
    const x = a[from + i];
    const y = b[i];
    if (x !== y ? !(x !== x && y !== y) : x === 0 && 1 / x !== 1 / y) return false;
  }
  return true;
}
