import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { csvDocument } from '../artifacts/csv';
import type { CsvTable } from './csv.interceptor';

/** An answer serialised once: its JSON bytes and, for a tabular answer, its CSV bytes, each with an ETag. */
export class PreparedBody {
  readonly jsonEtag: string;
  readonly csvEtag: string | null;

  constructor(
    readonly json: Buffer,
    readonly csv: Buffer | null,
  ) {
    this.jsonEtag = etagOf(json);
    this.csvEtag = csv === null ? null : etagOf(csv);
  }

  /** Serialises `body` (and its table, when given). */
  static of(body: unknown, table?: CsvTable): PreparedBody {
    const csv = table ? Buffer.from(csvDocument(table.header, table.rows), 'utf8') : null;
    return new PreparedBody(Buffer.from(JSON.stringify(body), 'utf8'), csv);
  }

  get bytes(): number {
    return this.json.length + (this.csv?.length ?? 0);
  }
}

function etagOf(bytes: Buffer): string {
  return `"${createHash('sha1').update(bytes).digest('base64url')}"`;
}

/** What a read builds on a cache miss: the answer, whether it may be cached, and its CSV table. */
export interface BuiltAnswer<T> {
  body: T;
  /** True when the answer can no longer change (the run is done). */
  final: boolean;
  table?: (body: T) => CsvTable;
}

/** Default budget of the cache in bytes. */
export const DEFAULT_CACHE_BYTES = 128 * 1024 * 1024;

/**
 * Serialised answers about finished runs, least recently used evicted first. A done run's
 * stored results never change, so its answers are built and serialised once; deleting or
 * cancelling a run through the API forgets them. (A run deleted directly in the database by
 * another process would be served from here until evicted: nothing does that today.)
 */
@Injectable()
export class RunReadCache {
  private readonly entries = new Map<string, PreparedBody>();
  private bytes = 0;

  constructor(private readonly budget: number = DEFAULT_CACHE_BYTES) {}

  /** The answer `view` of run `id`: cached, or built, serialised and cached when final. */
  async answer<T>(id: string, view: string, build: () => Promise<BuiltAnswer<T>>): Promise<PreparedBody> {
    const key = `${id}\u0000${view}`;
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const built = await build();
    const prepared = PreparedBody.of(built.body, built.table?.(built.body));
    if (built.final) this.store(key, prepared);
    return prepared;
  }

  /** Drops every cached answer about run `id`. */
  forget(id: string): void {
    const prefix = `${id}\u0000`;
    for (const [key, body] of this.entries) {
      if (!key.startsWith(prefix)) continue;
      this.entries.delete(key);
      this.bytes -= body.bytes;
    }
  }

  /** Cached answers and their size. */
  get stats(): { entries: number; bytes: number } {
    return { entries: this.entries.size, bytes: this.bytes };
  }

  private store(key: string, body: PreparedBody): void {
    if (body.bytes > this.budget) return;
    this.entries.set(key, body);
    this.bytes += body.bytes;
    for (const [oldKey, old] of this.entries) {
      if (this.bytes <= this.budget) break;
      this.entries.delete(oldKey);
      this.bytes -= old.bytes;
    }
  }
}
