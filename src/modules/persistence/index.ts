/** The persistence layer's public surface: no TypeORM types cross it. */
export { PersistenceModule } from './persistence.module';
export type { PersistenceAsyncOptions } from './persistence.module';
export { RunsRepository } from './runs.repository';
export { MemoryRepository } from './memory.repository';
export { LlmExchangesRepository } from './llm-exchanges.repository';
export { PaperRepository } from './paper/paper.repository';
export * from './llm-exchange-record';
export type { LoadedMemory, MemorySummary } from './memory.repository';
export { openPersistence } from './open-persistence';
export type { Persistence } from './open-persistence';
export * from './run-record';
export { StudiesRepository } from './studies.repository';
export * from './study-record';
export { RunIdTakenError } from './run-id-taken.error';
