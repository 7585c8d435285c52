/** DI token of the persistence layer's TypeORM DataSource (internal to PersistenceModule). */
export const PERSISTENCE_DATA_SOURCE = Symbol('PERSISTENCE_DATA_SOURCE');
