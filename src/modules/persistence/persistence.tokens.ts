/** DI token of the persistence layer's TypeORM DataSource (internal to PersistenceModule). */
export const PERSISTENCE_DATA_SOURCE = Symbol('PERSISTENCE_DATA_SOURCE');

/** DI token of the second, read-only connection to a SQLite file (null for Postgres and `:memory:`). */
export const PERSISTENCE_READ_DATA_SOURCE = Symbol('PERSISTENCE_READ_DATA_SOURCE');
