/** A news item as far as the memo is concerned: its id and text. */
interface Identified {
  readonly id: string;
  readonly headline: string;
  readonly body?: string;
}

/**
 * Remembers one value per ordered list of items within a context (e.g. the ticker). Look-ups use
 * a short key (context, count, first and last id) and then compare the items one by one, so a
 * hit costs one pass over the list and an id reused for other text is not a hit. A frozen item
 * cannot change, so the very same frozen object is a match without reading its texts (runs on
 * the same loaded news compare pointers, not strings).
 */
export class ItemSetMemo<T> {
  private readonly buckets = new Map<string, Array<{ items: Identified[]; value: T }>>();

  /** Number of remembered lists. */
  get size(): number {
    let n = 0;
    for (const b of this.buckets.values()) n += b.length;
    return n;
  }

  get(context: string, items: readonly Identified[]): T | undefined {
    const bucket = this.buckets.get(keyOf(context, items));
    if (!bucket) return undefined;
    for (const entry of bucket) if (sameItems(entry.items, items)) return entry.value;
    return undefined;
  }

  set(context: string, items: readonly Identified[], value: T): void {
    const key = keyOf(context, items);
    const bucket = this.buckets.get(key) ?? [];
    bucket.push({ items: items.map((it) => (Object.isFrozen(it) ? it : { id: it.id, headline: it.headline, body: it.body })), value });
    this.buckets.set(key, bucket);
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
