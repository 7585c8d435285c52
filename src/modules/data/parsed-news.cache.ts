/**
 * The last few news lists parsed in this process, by the SHA-256 of the bytes they were parsed
 * from (and the parse options). The bytes are still read and hashed on every load, so a changed
 * file is never served from here; unchanged bytes give the very same frozen list, which lets the
 * runs that share it (repeated API runs, a comparison, an ablation) share its arrangement by
 * session and the news agent's remembered outputs.
 */
export class ParsedNewsCache<T> {
  private readonly entries = new Map<string, T>();

  constructor(private readonly capacity = 4) {}

  get(key: string, parse: () => T): T {
    const hit = this.entries.get(key);
    if (hit !== undefined) {
      // Most recently used last, so the oldest entry is the first to go.
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const value = parse();
    if (this.entries.size >= this.capacity) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(key, value);
    return value;
  }
}
