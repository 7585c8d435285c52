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
  /** Values of frozen lists, found by the list itself (a frozen list cannot change). */
  private readonly byList = new WeakMap<readonly Identified[], Array<{ context: string; value: T }>>();

  private count = 0;

  /** Number of remembered lists. */
  get size(): number {
    return this.count;
  }

  get(context: string, items: readonly Identified[]): T | undefined {
    const frozen = Object.isFrozen(items);
    if (frozen) {
      const known = this.byList.get(items);
      if (known) for (let i = 0; i < known.length; i++) if (known[i].context === context) return known[i].value;
    }
    const bucket = this.buckets.get(keyOf(context, items));
    if (!bucket) return undefined;
    for (const entry of bucket) {
      if (!sameItems(entry.items, items)) continue;
      if (frozen) this.remember(context, items, entry.value);
      return entry.value;
    }
    return undefined;
  }

  set(context: string, items: readonly Identified[], value: T): void {
    if (Object.isFrozen(items)) this.remember(context, items, value);
    const key = keyOf(context, items);
    const bucket = this.buckets.get(key) ?? [];
    bucket.push({ items: items.map((it) => (Object.isFrozen(it) ? it : { id: it.id, headline: it.headline, body: it.body })), value });
    this.count++;
    this.buckets.set(key, bucket);
  }

  private remember(context: string, items: readonly Identified[], value: T): void {
    const list = this.byList.get(items);
    if (list) list.push({ context, value });
    else this.byList.set(items, [{ context, value }]);
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
