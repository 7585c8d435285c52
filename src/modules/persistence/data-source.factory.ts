import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { DataSource, DataSourceOptions } from 'typeorm';
import { MemoryCaseEntity } from './memory-case.entity';
import { MIGRATIONS } from './migrations';
import { RunEntity } from './run.entity';
import { LlmExchangeEntity } from './llm-exchange.entity';
import { PAPER_ENTITIES } from './paper';
import { StudyEntity } from './study.entity';
import { StudyResultEntity } from './study-result.entity';

/** Every entity of the persistence layer. */
export const ENTITIES = [RunEntity, MemoryCaseEntity, LlmExchangeEntity, ...PAPER_ENTITIES, StudyEntity, StudyResultEntity];

/** How long a SQLite writer waits for another process's lock before failing (ms). */
export const SQLITE_BUSY_TIMEOUT_MS = 10_000;

/** True for `postgres://` and `postgresql://` URLs. */
export function isPostgresUrl(dbPathOrUrl: string): boolean {
  return /^postgres(ql)?:\/\//i.test(dbPathOrUrl);
}

/** The database as it may be shown: a URL without its password. */
export function describeDatabase(dbPathOrUrl: string): string {
  return dbPathOrUrl.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');
}

/**
 * DataSource options for a SQLite file (or `:memory:`) or a Postgres URL. The schema comes only
 * from the migrations, which run on initialisation.
 */
export function dataSourceOptions(dbPathOrUrl: string): DataSourceOptions {
  const common = {
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsRun: true,
    synchronize: false,
    logging: false,
  } as const;
  if (isPostgresUrl(dbPathOrUrl)) {
    return { ...common, type: 'postgres', url: dbPathOrUrl };
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(dbPathOrUrl)) {
    throw new Error(`Unsupported database URL: ${dbPathOrUrl.replace(/\/\/[^@/]*@/, '//***@')}`);
  }
  const database = dbPathOrUrl === ':memory:' ? dbPathOrUrl : resolve(dbPathOrUrl);
  return {
    ...common,
    type: 'sqlite',
    database,
    driver: quietSqlite3(),
    // The CLI and the API may share the file: WAL lets readers run beside one writer.
    enableWAL: true,
    busyTimeout: SQLITE_BUSY_TIMEOUT_MS,
  };
}

let sqlite3Driver: { verbose(): unknown } | undefined;

/**
 * The sqlite3 module as TypeORM's SQLite driver, kept out of sqlite3's verbose mode. TypeORM
 * switches the driver to verbose mode, which wraps every statement call to keep a stack trace
 * and formats all of its parameters with util.inspect, for error messages: for an insert of
 * 500 rows that is milliseconds of the event loop per statement, on the thread that serves
 * requests. Errors keep SQLite's own message.
 */
function quietSqlite3(): { verbose(): unknown } {
  if (!sqlite3Driver) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const driver = Object.create(require('sqlite3') as object) as { verbose(): unknown };
    driver.verbose = () => driver;
    sqlite3Driver = driver;
  }
  return sqlite3Driver;
}

/**
 * Opens the database and brings its schema up to date (migrations run on open).
 * For a SQLite path the parent directory is created; a `postgres://` URL goes through `pg`.
 */
export async function createDataSource(dbPathOrUrl: string): Promise<DataSource> {
  const options = dataSourceOptions(dbPathOrUrl);
  if (options.type === 'sqlite' && options.database !== ':memory:') {
    mkdirSync(dirname(options.database), { recursive: true });
  }
  const dataSource = await new DataSource(options).initialize().catch((err: Error) => {
    throw new Error(`cannot open the database ${describeDatabase(dbPathOrUrl)}: ${err.message}`, { cause: err });
  });
  // With WAL, NORMAL syncs the log at checkpoints rather than at every commit: a crash of the
  // process loses nothing and the file cannot be corrupted; a power cut may lose the last
  // commits. A run is several commits, so this is most of what storing one costs on a disk
  // that syncs slowly. (One connection per DataSource, so the setting holds for all of it.)
  if (options.type === 'sqlite') await dataSource.query('PRAGMA synchronous = NORMAL');
  return dataSource;
}

/**
 * A second connection to the SQLite file of `main`, for reads only: in WAL mode it reads the
 * last committed state while the main connection is inside a write transaction, so reads need
 * not wait for writes. Null for Postgres (already a pool of connections) and `:memory:` (a
 * database of its own connection). Open it after `main`, which has run the migrations.
 */
export async function createReadDataSource(main: DataSource): Promise<DataSource | null> {
  const options = main.options;
  if (options.type !== 'sqlite' || options.database === ':memory:') return null;
  const reader = await new DataSource({ ...options, migrationsRun: false }).initialize();
  await reader.query('PRAGMA query_only = ON');
  return reader;
}
