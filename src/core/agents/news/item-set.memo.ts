/** A news item as far as the memo is concerned: its id and text. */
interface Identified {
  readonly id: string;
  readonly headline: string;
  readonly body?: string;
}

/** What is kept of a frozen list: a fact about it its owner works out once, and values by context. */
interface FrozenRecord<T, F> {
  fact: F | undefined;
  values: Array<{ context: string; value: T }>;
}

/**
 * Remembers one value per ordered list of items within a context (e.g. the ticker). Look-ups use
 * a short key (context, count, first and last id) and then compare the items one by one, so a
 * hit costs one pass over the list and an id reused for other text is not a hit. A frozen item
 * cannot change, so the very same frozen object is a match without reading its texts (runs on
 * the same loaded news compare pointers, not strings). A frozen list cannot change either: it is
 * found by the list itself, together with one fact about it its owner asks for ({@link fact}),
 * and the record of the last one asked for is at hand, so a fact and a value of one list cost
 * one search.
 */
export class ItemSetMemo<T, F = never> {
  private readonly buckets = new Map<string, Array<{ items: Identified[]; value: T }>>();
  private readonly byList = new WeakMap<readonly Identified[], FrozenRecord<T, F>>();
  /** The frozen list last asked for and its record (the memo keeps that one list alive). */
  private lastList: readonly Identified[] | null = null;
  private lastRecord: FrozenRecord<T, F> | null = null;

  private count = 0;

  /** Number of remembered lists. */
  get size(): number {
    return this.count;
  }

  /** A fact about `items` (a pure function of the list), worked out once for a frozen list. */
  fact(items: readonly Identified[], workOut: (items: readonly Identified[]) => F): F {
    if (!Object.isFrozen(items)) return workOut(items);
    const record = this.recordOf(items);
    if (record.fact === undefined) record.fact = workOut(items);
    return record.fact;
  }

  get(context: string, items: readonly Identified[]): T | undefined {
    const record = Object.isFrozen(items) ? this.recordOf(items) : null;
    if (record) for (let i = 0; i < record.values.length; i++) if (record.values[i].context === context) return record.values[i].value;
    const bucket = this.buckets.get(keyOf(context, items));
    if (!bucket) return undefined;
    for (const entry of bucket) {
      if (!sameItems(entry.items, items)) continue;
      record?.values.push({ context, value: entry.value });
      return entry.value;
    }
    return undefined;
  }

  set(context: string, items: readonly Identified[], value: T): void {
    if (Object.isFrozen(items)) this.recordOf(items).values.push({ context, value });
    const key = keyOf(context, items);
    const bucket = this.buckets.get(key) ?? [];
    bucket.push({ items: items.map((it) => (Object.isFrozen(it) ? it : { id: it.id, headline: it.headline, body: it.body })), value });
    this.count++;
    this.buckets.set(key, bucket);
  }

  /** The record of a frozen list (the last one asked for is kept at hand). */
  private recordOf(items: readonly Identified[]): FrozenRecord<T, F> {
    if (items === this.lastList) return this.lastRecord!;
    let record = this.byList.get(items);
    if (!record) this.byList.set(items, (record = { fact: undefined, values: [] }));
    this.lastList = items;
    this.lastRecord = record;
    return record;
  }
}

function keyOf(context: string, items: readonly Identified[]): string {
  return items.length === 0 ? `${context}\u0000` : `${context}\u0000${items.length}\u0000${items[0].id}\u0000${items[items.length - 1].id}`;
}

function sameItems(known: readonly Identified[], items: readonly Identified[]): boolean {
  if (known.length !== items.length) return false;
  for (let i = 0; i < known.length; i++) {
    const a = known[i];
    const b = items[i];
    if (a === b) continue; // only frozen items are kept as they are
    if (a.id !== b.id || a.headline !== b.headline || (a.body ?? '') !== (b.body ?? '')) return false;
  }
  return true;
}
