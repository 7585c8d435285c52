/** Anything with a stable id. */
interface Identified {
  readonly id: string;
}

/**
 * Remembers one value per ordered list of ids within a context (e.g. the ticker). Look-ups use a
 * short key (context, count, first and last id) and then compare the ids one by one, so a hit
 * costs one pass over the list and no key string proportional to it.
 */
export class ItemSetMemo<T> {
  private readonly buckets = new Map<string, Array<{ ids: string[]; value: T }>>();

  /** Number of remembered lists. */
  get size(): number {
    let n = 0;
    for (const b of this.buckets.values()) n += b.length;
    return n;
  }

  get(context: string, items: readonly Identified[]): T | undefined {
    const bucket = this.buckets.get(keyOf(context, items));
    if (!bucket) return undefined;
    for (const entry of bucket) if (sameIds(entry.ids, items)) return entry.value;
    return undefined;
  }

  set(context: string, items: readonly Identified[], value: T): void {
    const key = keyOf(context, items);
    const bucket = this.buckets.get(key) ?? [];
    bucket.push({ ids: items.map((it) => it.id), value });
    this.buckets.set(key, bucket);
  }
}

function keyOf(context: string, items: readonly Identified[]): string {
  return items.length === 0 ? `${context}\u0000` : `${context}\u0000${items.length}\u0000${items[0].id}\u0000${items[items.length - 1].id}`;
}

function sameIds(ids: readonly string[], items: readonly Identified[]): boolean {
  if (ids.length !== items.length) return false;
  for (let i = 0; i < ids.length; i++) if (ids[i] !== items[i].id) return false;
  return true;
}
