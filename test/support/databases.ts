import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { createDataSource } from '../../src/modules/persistence/data-source.factory';
import { describeWithPostgres, TEST_POSTGRES_URL } from './services';

/*
 * Suites that run on both databases the project supports: a SQLite file and a real Postgres
 * server. `describeEachDatabase` declares the suite once per database; the Postgres one is
 * skipped with a visible note where no server answers (see services.ts).
 */

export type DatabaseKind = 'sqlite' | 'postgres';

/** The database of one suite. */
export interface TestDatabase {
  readonly kind: DatabaseKind;
  /**
   * A migrated database with no rows, for the current test, opened; closed after the test.
   * Postgres: the suite's own database (created for it), emptied; SQLite: a new file.
   */
  open(): Promise<DataSource>;
  /** Another DataSource on the database `open` gave this test (closed after the test). */
  openAgain(): Promise<DataSource>;
  /** Where `open` put this test's database: a SQLite path or a `postgres://` URL. */
  location(): string;
  /** A new, empty database without any schema (removed after the suite). */
  fresh(): Promise<string>;
  /** Parameter placeholder number `i` (1-based) in this database's SQL. */
  mark(i: number): string;
}

let counter = 0;
const uniqueName = () => `tg_test_${process.pid}_${Date.now().toString(36)}_${counter++}`;

/** A Postgres URL with another database name. */
export function postgresUrlWithDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function withAdmin<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: TEST_POSTGRES_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Creates an empty Postgres database on the test server and returns its URL and how to drop it. */
export async function createPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = uniqueName();
  await withAdmin((c) => c.query(`CREATE DATABASE "${name}"`));
  return {
    url: postgresUrlWithDatabase(TEST_POSTGRES_URL, name),
    drop: () => dropDatabase(name),
  };
}

/**
 * Drops a test database. `WITH (FORCE)` ends its connections, but a connection of another role
 * (an autovacuum worker, another test run on a shared server) may refuse to be ended: that is
 * tried again a few times, then the database is left behind (it holds test rows only).
 */
async function dropDatabase(name: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await withAdmin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
      return;
    } catch (e) {
      if (attempt >= 5) {
        // eslint-disable-next-line no-console
        console.warn(`test database ${name} left behind: ${(e as Error).message}`);
        return;
      }
      await new Promise((r) => setTimeout(r, 200 * attempt));
    }
  }
}

/** Empties every table but the migrations' own record. */
async function emptyTables(ds: DataSource): Promise<void> {
  const tables = ds.entityMetadatas.map((m) => `"${m.tableName}"`);
  await ds.query(`TRUNCATE ${tables.join(', ')} CASCADE`);
}

function declare(kind: DatabaseKind, fn: (db: TestDatabase) => void): void {
  const opened: DataSource[] = [];
  const cleanups: Array<() => Promise<void> | void> = [];
  let suiteDatabase: string | null = null;
  let current: string | null = null;
  let dir: string;

  const track = (ds: DataSource) => {
    opened.push(ds);
    return ds;
  };
  const fresh = async (): Promise<string> => {
    if (kind === 'sqlite') return join(dir, `${uniqueName()}.sqlite`);
    const created = await createPostgresDatabase();
    cleanups.push(created.drop);
    return created.url;
  };

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'tg-db-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  });
  afterEach(async () => {
    for (const ds of opened.splice(0)) if (ds.isInitialized) await ds.destroy();
    current = null;
  });
  afterAll(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  fn({
    kind,
    async open() {
      if (kind === 'sqlite') {
        current = await fresh();
        return track(await createDataSource(current));
      }
      suiteDatabase ??= await fresh();
      current = suiteDatabase;
      const ds = track(await createDataSource(current));
      await emptyTables(ds);
      return ds;
    },
    async openAgain() {
      if (current === null) throw new Error('openAgain before open in this test');
      return track(await createDataSource(current));
    },
    location() {
      if (current === null) throw new Error('location before open in this test');
      return current;
    },
    fresh,
    mark: (i) => (kind === 'postgres' ? `$${i}` : '?'),
  });
}

/** Declares the suite on a SQLite file and on Postgres (skipped with a note when no server answers). */
export function describeEachDatabase(name: string, fn: (db: TestDatabase) => void): void {
  describe(`${name} (SQLite)`, () => declare('sqlite', fn));
  describeWithPostgres(`${name} (Postgres)`, () => declare('postgres', fn));
}
